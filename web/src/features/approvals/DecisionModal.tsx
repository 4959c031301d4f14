import { App, Form, Input, Modal } from 'antd';
import { describeError } from '../../api/client';
import { useOptions } from '../reference/reference';
import type { Approval } from './api';
import { useDecide } from './api';
import { DECIDED_ELSEWHERE, decidedElsewhere, requestedMove } from './decision';

/** Approve or reject one request with a comment (required to reject: the cadre must know what to fix). */
export function DecisionModal({
  approval,
  decision,
  onClose,
}: {
  approval: Approval | null;
  decision: 'approve' | 'reject';
  onClose: () => void;
}) {
  const { message } = App.useApp();
  const { label } = useOptions();
  const decide = useDecide();
  const [form] = Form.useForm<{ comment?: string }>();
  const reject = decision === 'reject';

  const submit = async () => {
    if (!approval) return;
    const values = await form.validateFields().catch(() => null);
    if (!values) return; // the form shows what is missing
    const { comment } = values;
    try {
      await decide.mutateAsync({ id: approval.id, decision, comment: comment?.trim() || undefined });
      message.success(reject ? '已驳回' : '已通过');
      onClose();
    } catch (error) {
      if (decidedElsewhere(error)) {
        message.warning(DECIDED_ELSEWHERE);
        onClose();
      } else message.error(describeError(error));
    }
  };

  return (
    <Modal
      open={approval !== null}
      title={reject ? '驳回申请' : '通过申请'}
      okText={reject ? '确定驳回' : '确定通过'}
      okButtonProps={{ danger: reject, loading: decide.isPending }}
      onOk={submit}
      onCancel={onClose}
      destroyOnHidden
    >
      {approval && (
        <p>
          {approval.householdCode} · {approval.headName}：{requestedMove(approval, label)}
        </p>
      )}
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item
          name="comment"
          label={reject ? '驳回意见' : '审批意见（可选）'}
          rules={reject ? [{ required: true, whitespace: true, message: '请填写驳回意见' }] : []}
        >
          <Input.TextArea rows={3} maxLength={1000} showCount data-testid="decision-comment" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
