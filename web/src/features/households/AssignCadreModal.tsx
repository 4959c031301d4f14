import { App, Modal, Select } from 'antd';
import { useState } from 'react';
import { describeError } from '../../api/client';
import { useAssign, useCadres } from './api';

/** Assign one or many households to a cadre (包户干部), all or nothing. */
export function AssignCadreModal({
  householdIds,
  open,
  onClose,
}: {
  householdIds: string[];
  open: boolean;
  onClose: (assigned: boolean) => void;
}) {
  const { message } = App.useApp();
  const cadres = useCadres(open);
  const assign = useAssign();
  const [cadreId, setCadreId] = useState<string>();
  const submit = async () => {
    if (!cadreId) return;
    try {
      const result = await assign.mutateAsync({ householdIds, cadreId });
      message.success(`已分配 ${result.assigned} 户`);
      setCadreId(undefined);
      onClose(true);
    } catch (error) {
      message.error(describeError(error));
    }
  };
  return (
    <Modal
      title={`分配包户干部（${householdIds.length} 户）`}
      open={open}
      onOk={submit}
      okText="确定分配"
      okButtonProps={{ disabled: !cadreId, loading: assign.isPending }}
      onCancel={() => onClose(false)}
      destroyOnHidden
    >
      <Select
        showSearch={{ optionFilterProp: 'label' }}
        style={{ width: '100%' }}
        placeholder="选择包户干部"
        loading={cadres.isPending}
        value={cadreId}
        onChange={setCadreId}
        options={(cadres.data ?? []).map((c) => ({
          value: c.id,
          label: `${c.displayName}（${c.username}）`,
        }))}
        data-testid="assign-cadre-select"
      />
    </Modal>
  );
}
