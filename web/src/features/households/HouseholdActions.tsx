import { App, Button, Form, Input, Modal, Select, Space } from 'antd';
import { useState } from 'react';
import { describeError } from '../../api/client';
import type { Role } from '../../app/roles';
import { isCommand } from '../../app/roles';
import { useOptions } from '../reference/reference';
import type { Household } from './api';
import { AssignCadreModal } from './AssignCadreModal';
import { useHouseholdActions } from './detail-api';

type Dialog = 'assign' | 'hold' | 'release' | 'transition' | 'rollback' | null;

/** What the role may do to this household: assign, hold/release, request a stage move, roll back. */
export function HouseholdActions({ household, role }: { household: Household; role: Role }) {
  const { message } = App.useApp();
  const { choices, label } = useOptions();
  const actions = useHouseholdActions(household.id);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [form] = Form.useForm();
  const command = isCommand(role);
  if (!command) return null;

  const stages = choices('stages');
  const index = stages.findIndex((s) => s.value === household.stage);
  const next = stages[index + 1];

  const run = async (work: () => Promise<unknown>, success: string) => {
    try {
      await work();
      message.success(success);
      setDialog(null);
      form.resetFields();
    } catch (error) {
      message.error(describeError(error));
    }
  };
  const submit = async () => {
    const values = await form.validateFields();
    if (dialog === 'hold') await run(() => actions.hold.mutateAsync(values), '已暂停推进');
    if (dialog === 'release') await run(() => actions.release.mutateAsync(values), '已恢复推进');
    if (dialog === 'rollback')
      await run(() => actions.rollback.mutateAsync({ ...values, version: household.version }), '已回退');
    if (dialog === 'transition')
      await run(async () => {
        const result = await actions.transition.mutateAsync({
          to: next.value,
          version: household.version,
          ...values,
        });
        if (result && 'approval' in result && result.approval) message.info('已提交审批，待审批通过后生效');
      }, '已提交');
  };

  return (
    <Space wrap>
      <Button onClick={() => setDialog('assign')} data-testid="action-assign">
        {household.cadre ? '调整包户干部' : '分配包户干部'}
      </Button>
      {next && !household.onHold && (
        <Button onClick={() => setDialog('transition')}>推进到「{next.label}」</Button>
      )}
      {index > 0 && <Button onClick={() => setDialog('rollback')}>回退阶段</Button>}
      {household.onHold ? (
        <Button onClick={() => setDialog('release')}>恢复推进</Button>
      ) : (
        <Button danger onClick={() => setDialog('hold')}>
          暂停推进
        </Button>
      )}
      <AssignCadreModal
        householdIds={[household.id]}
        open={dialog === 'assign'}
        onClose={() => setDialog(null)}
      />
      <Modal
        open={dialog !== null && dialog !== 'assign'}
        title={
          dialog === 'hold'
            ? '暂停推进'
            : dialog === 'release'
              ? '恢复推进'
              : dialog === 'rollback'
                ? `回退阶段（当前：${label('stages', household.stage)}）`
                : `推进到「${next?.label ?? ''}」`
        }
        onOk={submit}
        onCancel={() => setDialog(null)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" preserve={false}>
          {dialog === 'hold' && (
            <Form.Item name="reason" label="原因" rules={[{ required: true, message: '请选择原因' }]}>
              <Select options={choices('holdReasons')} />
            </Form.Item>
          )}
          {dialog === 'rollback' && (
            <Form.Item
              name="reason"
              label="回退理由"
              rules={[{ required: true, min: 2, message: '请填写回退理由（至少2个字）' }]}
            >
              <Input.TextArea rows={3} />
            </Form.Item>
          )}
          {(dialog === 'hold' || dialog === 'release') && (
            <Form.Item name="note" label="说明">
              <Input.TextArea rows={2} maxLength={500} />
            </Form.Item>
          )}
          {dialog === 'transition' && (
            <Form.Item name="comment" label="说明（需审批的阶段将提交审批）">
              <Input.TextArea rows={2} maxLength={1000} />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </Space>
  );
}
