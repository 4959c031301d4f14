import { App, Form, Input, Modal, Typography } from 'antd';
import { describeError } from '../../api/client';
import { parseCodes, type PlanBatch, useChangeBatch } from './api';

/** What the modal does: make a batch, or take households out of one. */
export type BatchAction = { kind: 'create' } | { kind: 'remove'; batch: PlanBatch };

interface Values {
  name?: string;
  moveDate?: string;
  reason: string;
  codes: string;
}

/**
 * 新建搬迁批次 / 移出批次: households named by 户编号 as the command centre's lists have them (pasted from a ledger
 * column). All or nothing: an unknown code, or one already in another batch, is named and nothing changes.
 */
export function BatchModal({
  action,
  today,
  onClose,
}: {
  action: BatchAction | null;
  today: string;
  onClose: () => void;
}) {
  const { message } = App.useApp();
  const change = useChangeBatch();
  const [form] = Form.useForm<Values>();
  const creating = action?.kind === 'create';

  const submit = async () => {
    if (!action) return;
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    const householdCodes = parseCodes(values.codes);
    try {
      const batch =
        action.kind === 'create'
          ? await change.mutateAsync({
              kind: 'create',
              name: values.name!.trim(),
              moveDate: values.moveDate!,
              reason: values.reason.trim(),
              householdCodes,
            })
          : await change.mutateAsync({
              kind: 'remove',
              batchId: action.batch.id,
              reason: values.reason.trim(),
              householdCodes,
            });
      message.success(
        action.kind === 'create'
          ? `已建立批次「${batch.name}」（${batch.households} 户），已重新倒排 ${batch.replanned} 户`
          : `已移出 ${householdCodes.length} 户，批次余 ${batch.households} 户，已重新倒排 ${batch.replanned} 户`,
      );
      onClose();
    } catch (error) {
      message.error(describeError(error));
    }
  };

  return (
    <Modal
      open={action !== null}
      title={creating ? '新建搬迁批次' : action ? `移出批次：${action.batch.name}` : ''}
      okText={creating ? '建立并重新倒排' : '移出并重新倒排'}
      okButtonProps={{ loading: change.isPending }}
      onOk={submit}
      onCancel={onClose}
      destroyOnHidden
    >
      {action && (
        <Form form={form} layout="vertical" preserve={false} initialValues={{ codes: '', reason: '' }}>
          <Typography.Paragraph type="secondary">
            {creating
              ? '批次的搬迁节点优先于各户所在村的节点；一户只能属于一个批次。'
              : '移出的户按所在村的搬迁节点重新倒排。'}
          </Typography.Paragraph>
          {creating && (
            <>
              <Form.Item
                name="name"
                label="批次名称"
                rules={[
                  { required: true, whitespace: true, message: '请填写批次名称' },
                  { min: 2, max: 100, message: '2 至 100 个字' },
                ]}
              >
                <Input maxLength={100} data-testid="batch-name" />
              </Form.Item>
              <Form.Item
                name="moveDate"
                label="搬迁节点"
                rules={[
                  { required: true, message: '请输入搬迁节点' },
                  {
                    validator: (_, value: string) =>
                      !value || value >= today
                        ? Promise.resolve()
                        : Promise.reject(new Error(`不能早于 ${today}`)),
                  },
                ]}
              >
                <Input type="date" min={today} data-testid="batch-move-date" />
              </Form.Item>
            </>
          )}
          <Form.Item
            name="codes"
            label="户编号（每行一个，或以空格、逗号分隔）"
            rules={[
              {
                validator: (_, value: string) => {
                  const count = parseCodes(value ?? '').length;
                  if (count === 0) return Promise.reject(new Error('请填写户编号'));
                  if (count > 5000) return Promise.reject(new Error('一次至多 5000 户'));
                  return Promise.resolve();
                },
              },
            ]}
          >
            <Input.TextArea rows={5} data-testid="batch-codes" />
          </Form.Item>
          <Form.Item
            name="reason"
            label="原因"
            rules={[
              { required: true, whitespace: true, message: '请填写原因' },
              { min: 2, max: 200, message: '2 至 200 个字' },
            ]}
          >
            <Input.TextArea rows={2} maxLength={200} data-testid="batch-reason" />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
