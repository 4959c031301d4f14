import { useQuery } from '@tanstack/react-query';
import { App, Form, Input, Modal, Select } from 'antd';
import { api, describeError, ok } from '../../api/client';
import { useOrgUnits } from '../reference/reference';
import { useSetLevelResponsible, type SetLevel } from './api';

type Target = Pick<SetLevel, 'scopeType' | 'scopeId' | 'role'> & { scopeName: string; roleLabel: string };

/** People who may lead (active officials and the command centre), for the leader roles. */
const useLeaders = (enabled: boolean) =>
  useQuery({
    queryKey: ['users', 'leaders'],
    enabled,
    queryFn: async () => {
      const pages = await Promise.all(
        (['official', 'commander'] as const).map((role) =>
          ok<{ items: { id: string; displayName: string; username: string; active: boolean }[] }>(
            api.GET('/api/v1/users', { params: { query: { role, pageSize: 200 } } }),
          ),
        ),
      );
      return pages.flatMap((page) => page.items).filter((u) => u.active);
    },
    staleTime: 5 * 60_000,
  });

/** Set or clear one role of a village or task force; the households that set none inherit it. */
export function SetResponsibleModal({ target, onClose }: { target: Target | null; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ holderId?: string; reason?: string }>();
  const set = useSetLevelResponsible();
  const isUnit = target?.role === 'backing_unit';
  const leaders = useLeaders(!!target && !isUnit);
  const org = useOrgUnits();
  const submit = async () => {
    if (!target) return;
    const { holderId, reason } = await form.validateFields();
    try {
      const result = (await set.mutateAsync({
        scopeType: target.scopeType,
        scopeId: target.scopeId,
        role: target.role,
        holderId: holderId ?? null,
        reason: reason || undefined,
      })) as { changed: number; householdsAffected: number };
      message.success(result.changed ? `已更新，影响 ${result.householdsAffected} 户` : '未变化');
      form.resetFields();
      onClose();
    } catch (error) {
      message.error(describeError(error));
    }
  };
  return (
    <Modal
      title={target ? `${target.scopeName} · ${target.roleLabel}` : ''}
      open={!!target}
      onOk={submit}
      okText="保存"
      okButtonProps={{ loading: set.isPending }}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item name="holderId" label={isUnit ? '单位（留空为取消）' : '人员（留空为取消）'}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            loading={isUnit ? org.isPending : leaders.isPending}
            options={
              isUnit
                ? org.ofKind('unit')
                : (leaders.data ?? []).map((u) => ({
                    value: u.id,
                    label: `${u.displayName}（${u.username}）`,
                  }))
            }
            data-testid="responsible-holder-select"
          />
        </Form.Item>
        <Form.Item name="reason" label="交接原因">
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
