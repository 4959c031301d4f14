import { App, Alert, Form, Input, Modal, Radio } from 'antd';
import { describeError } from '../../api/client';
import { useOptions } from '../reference/reference';
import { type DuplicatePair, type DuplicatePerson, useDecideDuplicate } from './api';

const who = (person: DuplicatePerson, relation: string) =>
  `${person.householdCode}户 · ${person.name}（${relation}）`;

/**
 * 同一人: choose whose entry stays (the other household's entry is removed, never a head); 不同人: the pair is
 * never flagged again. A refusal (two heads, a head to remove, decided elsewhere) is shown as the server says it.
 */
export function DecideDuplicateModal({
  pair,
  decision,
  onClose,
}: {
  pair: DuplicatePair | null;
  decision: 'same_person' | 'different_people';
  onClose: () => void;
}) {
  const { message } = App.useApp();
  const { label } = useOptions();
  const decide = useDecideDuplicate();
  const [form] = Form.useForm<{ keepHouseholdId?: string; note?: string }>();
  const same = decision === 'same_person';

  const submit = async () => {
    if (!pair) return;
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    try {
      await decide.mutateAsync({
        id: pair.id,
        decision,
        version: pair.version,
        keepHouseholdId: same ? values.keepHouseholdId : undefined,
        note: values.note?.trim() || undefined,
      });
      message.success(same ? '已认定为同一人，重复记录已移除' : '已认定为不同人');
      onClose();
    } catch (error) {
      message.error(describeError(error));
    }
  };

  return (
    <Modal
      open={pair !== null}
      title={same ? '认定为同一人（合并）' : '认定为不同人'}
      okText={same ? '确定合并' : '确定'}
      okButtonProps={{ danger: same, loading: decide.isPending }}
      onOk={submit}
      onCancel={onClose}
      destroyOnHidden
    >
      {pair && (
        <Form form={form} layout="vertical" preserve={false}>
          {same ? (
            <>
              <Alert
                type="warning"
                showIcon
                style={{ marginBottom: 12 }}
                title="合并会从未保留的一户中移除此人的成员记录（户主不能移除），并记入审计日志。"
              />
              <Form.Item
                name="keepHouseholdId"
                label="保留哪一户中的记录"
                rules={[{ required: true, message: '请选择保留哪一户中的记录' }]}
              >
                <Radio.Group data-testid="keep-household">
                  {[pair.a, pair.b].map((person) => (
                    <Radio key={person.householdId} value={person.householdId}>
                      {who(person, label('relations', person.relation))}
                    </Radio>
                  ))}
                </Radio.Group>
              </Form.Item>
            </>
          ) : (
            <p>认定后，这两人不会再被列为疑似重复。</p>
          )}
          <Form.Item name="note" label="核查说明（可选）">
            <Input.TextArea rows={3} maxLength={200} showCount data-testid="duplicate-note" />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
