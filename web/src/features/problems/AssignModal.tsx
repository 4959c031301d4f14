import { App, DatePicker, Form, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { describeError } from '../../api/client';
import { useOrgUnits } from '../reference/reference';
import type { Problem } from './api';
import { useHandlers, useProblemActions } from './api';

type Values = { unitId: string; ownerId?: string; dueAt?: Dayjs };

/** 交办: the unit that must handle it, optionally one of its handlers, optionally a deadline of its own. */
export function AssignModal({
  problem,
  open,
  onClose,
}: {
  problem: Problem;
  open: boolean;
  onClose: () => void;
}) {
  const { message } = App.useApp();
  const org = useOrgUnits();
  const { assign } = useProblemActions(problem.id);
  const [form] = Form.useForm<Values>();
  const unitId = Form.useWatch('unitId', form);
  const handlers = useHandlers(unitId);

  const submit = async () => {
    const values = await form.validateFields().catch(() => null);
    if (!values) return; // the form shows what is missing
    try {
      await assign.mutateAsync({
        unitId: values.unitId,
        ownerId: values.ownerId,
        dueAt: values.dueAt?.toISOString(),
      });
      message.success('已交办');
      onClose();
    } catch (error) {
      message.error(describeError(error));
    }
  };

  return (
    <Modal
      open={open}
      title="交办问题"
      okText="确定交办"
      okButtonProps={{ loading: assign.isPending }}
      onOk={submit}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ unitId: problem.unitId ?? undefined, ownerId: problem.ownerId ?? undefined }}
      >
        <Form.Item name="unitId" label="承办单位" rules={[{ required: true, message: '请选择承办单位' }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            options={org.ofKind('unit')}
            onChange={() => form.setFieldValue('ownerId', undefined)}
            data-testid="assign-unit"
          />
        </Form.Item>
        <Form.Item name="ownerId" label="经办人（可选）">
          <Select
            allowClear
            loading={handlers.isFetching}
            disabled={!unitId}
            options={(handlers.data ?? []).map((h) => ({ value: h.id, label: h.displayName }))}
            data-testid="assign-owner"
          />
        </Form.Item>
        <Form.Item name="dueAt" label="办理时限（不填则按紧急程度）">
          <DatePicker
            showTime={{ format: 'HH:mm' }}
            format="YYYY-MM-DD HH:mm"
            disabledDate={(day) => day.isBefore(dayjs(), 'day')}
            style={{ width: '100%' }}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
