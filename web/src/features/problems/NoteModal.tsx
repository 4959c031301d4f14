import { App, Form, Input, Modal, Radio } from 'antd';
import { describeError } from '../../api/client';
import type { Problem } from './api';
import { useProblemActions } from './api';

export type NoteAction = 'progress' | 'resolve' | 'feedback';

const TEXT: Record<NoteAction, { title: string; field: string; done: string }> = {
  progress: { title: '报告进展', field: '进展情况', done: '已记录进展' },
  resolve: { title: '办结', field: '办结情况', done: '已办结，待群众反馈' },
  feedback: { title: '群众反馈', field: '反馈说明（可选）', done: '已登记反馈' },
};

type Values = { note?: string; satisfied?: boolean };

/** Progress, resolution or the resident's verdict: one text (and for feedback, satisfied or not). */
export function NoteModal({
  problem,
  action,
  onClose,
}: {
  problem: Problem;
  action: NoteAction | null;
  onClose: () => void;
}) {
  const { message } = App.useApp();
  const actions = useProblemActions(problem.id);
  const [form] = Form.useForm<Values>();
  const text = action ? TEXT[action] : null;
  const pending = action ? actions[action].isPending : false;

  const submit = async () => {
    if (!action) return;
    const values = await form.validateFields().catch(() => null);
    if (!values) return; // the form shows what is missing
    const { note, satisfied } = values;
    const trimmed = note?.trim() ?? '';
    try {
      if (action === 'progress') await actions.progress.mutateAsync({ note: trimmed });
      if (action === 'resolve') await actions.resolve.mutateAsync({ resolution: trimmed });
      if (action === 'feedback')
        await actions.feedback.mutateAsync({ satisfied: satisfied === true, note: trimmed || undefined });
      message.success(
        action === 'feedback' ? (satisfied ? '群众满意，已销号' : '群众不满意，已复号') : TEXT[action].done,
      );
      onClose();
    } catch (error) {
      message.error(describeError(error));
    }
  };

  return (
    <Modal
      open={action !== null}
      title={text?.title}
      okButtonProps={{ loading: pending }}
      onOk={submit}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" preserve={false}>
        {action === 'feedback' && (
          <Form.Item name="satisfied" label="群众是否满意" rules={[{ required: true, message: '请选择' }]}>
            <Radio.Group
              options={[
                { value: true, label: '满意（销号）' },
                { value: false, label: '不满意（复号）' },
              ]}
            />
          </Form.Item>
        )}
        <Form.Item
          name="note"
          label={text?.field}
          rules={
            action === 'feedback'
              ? []
              : [{ required: true, whitespace: true, message: `请填写${text?.field}` }]
          }
        >
          <Input.TextArea rows={4} maxLength={2000} showCount data-testid="problem-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
