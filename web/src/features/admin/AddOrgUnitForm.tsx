import { Alert, App, Button, Form, Input, Select, Typography } from 'antd';
import { useState } from 'react';
import type { OrgUnit } from '../reference/reference';
import { type NewOrgUnit, useCreateOrgUnit } from './api';
import { formErrors } from './form-errors';
import { KIND_LABELS, kindsUnder } from './org-tree';

/** A new unit under the chosen parent (or at the top); only the kinds the server accepts there are offered. */
export function AddOrgUnitForm({
  parent,
  onCreated,
}: {
  parent: OrgUnit | null;
  onCreated: (id: string) => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<NewOrgUnit>();
  const create = useCreateOrgUnit();
  const [refusal, setRefusal] = useState<string | null>(null);
  const kinds = kindsUnder(parent?.kind ?? null);

  if (kinds.length === 0)
    return <Typography.Text type="secondary">「{parent?.name}」是村，其下不能再添加单位。</Typography.Text>;

  const submit = async (values: NewOrgUnit) => {
    setRefusal(null);
    try {
      const unit = await create.mutateAsync({
        name: values.name.trim(),
        kind: values.kind,
        parentId: parent?.id,
        code: values.code?.trim() || undefined,
      });
      message.success(`已添加「${unit.name}」`);
      form.resetFields(['name', 'code']);
      onCreated(unit.id);
    } catch (error) {
      const shown = formErrors(error, ['name', 'kind', 'code'], { DUPLICATE_ORG_CODE: 'code' });
      form.setFields(shown.fields.map((f) => ({ name: f.name as keyof NewOrgUnit, errors: f.errors })));
      setRefusal(shown.message);
    }
  };

  return (
    <Form<NewOrgUnit>
      form={form}
      layout="vertical"
      onFinish={submit}
      initialValues={{ kind: kinds[0] }}
      key={parent?.id ?? 'top'}
    >
      {refusal && <Alert type="error" showIcon title={refusal} style={{ marginBottom: 12 }} role="alert" />}
      <Form.Item name="kind" label="类型" rules={[{ required: true, message: '请选择类型' }]}>
        <Select
          options={kinds.map((kind) => ({ value: kind, label: KIND_LABELS[kind] }))}
          data-testid="org-kind"
        />
      </Form.Item>
      <Form.Item
        name="name"
        label="名称"
        rules={[{ required: true, whitespace: true, message: '请输入名称' }]}
      >
        <Input maxLength={100} data-testid="org-name" />
      </Form.Item>
      <Form.Item name="code" label="编码" extra="行政区划代码（GB/T 2260），没有可不填">
        <Input maxLength={30} data-testid="org-code" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={create.isPending} data-testid="org-submit">
        添加到「{parent?.name ?? '顶级'}」下
      </Button>
    </Form>
  );
}
