import { App, Form, Input, Modal, Typography } from 'antd';
import { describeError } from '../../api/client';
import { type MoveDateTarget, useSetMoveDate } from './api';

/** 设置搬迁节点 of a village or a batch: a date (today or later) and why; a refusal is shown as the server words it. */
export function MoveDateModal({
  target,
  today,
  onClose,
}: {
  target: MoveDateTarget | null;
  today: string;
  onClose: () => void;
}) {
  const { message } = App.useApp();
  const setMoveDate = useSetMoveDate();
  const [form] = Form.useForm<{ date: string; reason: string }>();

  const submit = async () => {
    if (!target) return;
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    try {
      const result = await setMoveDate.mutateAsync({
        target,
        date: values.date,
        reason: values.reason.trim(),
        version: target.version ?? undefined,
      });
      message.success(`已设置搬迁节点 ${result.moveDate}，已重新倒排 ${result.replanned} 户`);
      onClose();
    } catch (error) {
      message.error(describeError(error));
    }
  };

  return (
    <Modal
      open={target !== null}
      title={target ? `设置搬迁节点：${target.kind === 'batch' ? '批次 ' : ''}${target.name}` : ''}
      okText="保存并重新倒排"
      okButtonProps={{ loading: setMoveDate.isPending }}
      onOk={submit}
      onCancel={onClose}
      destroyOnHidden
    >
      {target && (
        <Form
          form={form}
          layout="vertical"
          preserve={false}
          initialValues={{ date: target.moveDate ?? '', reason: '' }}
        >
          <Typography.Paragraph type="secondary">
            各阶段的计划完成日期按搬迁节点和各阶段的最短提前天数倒排；批次的节点优先于所在村的节点；修改会记入审计日志，相关各户的灯色随即重算。
          </Typography.Paragraph>
          <Form.Item
            name="date"
            label="搬迁节点"
            rules={[
              { required: true, message: '请输入搬迁节点' },
              { pattern: /^\d{4}-\d{2}-\d{2}$/, message: '格式为 YYYY-MM-DD' },
              {
                validator: (_, value: string) =>
                  !value || value >= today
                    ? Promise.resolve()
                    : Promise.reject(new Error(`不能早于 ${today}`)),
              },
            ]}
          >
            <Input type="date" min={today} data-testid="move-date" />
          </Form.Item>
          <Form.Item
            name="reason"
            label="调整原因"
            rules={[
              { required: true, whitespace: true, message: '请填写原因' },
              { min: 2, max: 200, message: '2 至 200 个字' },
            ]}
          >
            <Input.TextArea rows={2} maxLength={200} data-testid="move-date-reason" />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
