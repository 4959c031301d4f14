import { App, Form, Input, Modal } from 'antd';
import { ApiError, describeError } from '../../api/client';
import type { Task } from './api';
import { useCompleteTask } from './api';

/** Marks a task done with what was done (the note goes to the dispatch sheet's follow-up). */
export function CompleteTaskModal({ task, onClose }: { task: Task | null; onClose: () => void }) {
  const { message } = App.useApp();
  const complete = useCompleteTask();
  const [form] = Form.useForm<{ note?: string }>();

  const submit = async () => {
    if (!task) return;
    const values = await form.validateFields().catch(() => null);
    if (!values) return; // the form shows what is missing
    const { note } = values;
    try {
      await complete.mutateAsync({ id: task.id, note: note?.trim() || undefined });
      message.success('任务已完成');
      onClose();
    } catch (error) {
      message.error(describeError(error));
      // Done or cancelled by someone else meanwhile: close, and the refreshed list shows it as it is now.
      if (error instanceof ApiError && (error.status === 422 || error.status === 404)) onClose();
    }
  };

  return (
    <Modal
      open={task !== null}
      title="完成任务"
      okText="确定完成"
      okButtonProps={{ loading: complete.isPending }}
      onOk={submit}
      onCancel={onClose}
      destroyOnHidden
    >
      {task && <p>{task.instruction}</p>}
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item name="note" label="办理情况（可选）">
          <Input.TextArea rows={3} maxLength={1000} showCount data-testid="task-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
