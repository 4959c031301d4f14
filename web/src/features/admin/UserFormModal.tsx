import { App, Alert, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { useOptions } from '../reference/reference';
import { type NewUser, type User, useCreateUser, useUpdateUser } from './api';
import { formErrors } from './form-errors';
import { OrgUnitSelect } from './OrgUnitSelect';

const FIELDS = ['username', 'displayName', 'role', 'orgUnitId', 'phone', 'password'];
const CODE_FIELDS = { DUPLICATE_USERNAME: 'username' };

type Values = NewUser & { confirm?: string };

/**
 * New user (username, name, role, unit, phone, initial password) or an edit of role, unit and name. The
 * server's rules decide (its Chinese messages show under the fields); no password is ever shown back.
 */
export function UserFormModal({
  user,
  open,
  onClose,
}: {
  user: User | null;
  open: boolean;
  onClose: () => void;
}) {
  const { message } = App.useApp();
  const { choices } = useOptions();
  const [form] = Form.useForm<Values>();
  const [refusal, setRefusal] = useState<string | null>(null);
  const create = useCreateUser();
  const update = useUpdateUser();
  const editing = user !== null;

  const submit = async () => {
    const values = await form.validateFields();
    setRefusal(null);
    try {
      if (editing) {
        await update.mutateAsync({
          id: user.id,
          version: user.version,
          displayName: values.displayName,
          role: values.role,
          orgUnitId: values.orgUnitId ?? null,
        });
        message.success(`已保存用户「${values.displayName}」`);
      } else {
        const { confirm: _confirm, ...body } = values;
        const created = await create.mutateAsync({
          ...body,
          username: body.username.trim(),
          phone: body.phone?.trim() || undefined,
          orgUnitId: body.orgUnitId || undefined,
        });
        message.success(`已创建用户「${created.username}」`);
      }
      onClose();
    } catch (error) {
      const shown = formErrors(error, FIELDS, CODE_FIELDS);
      form.setFields(shown.fields.map((f) => ({ name: f.name as keyof Values, errors: f.errors })));
      setRefusal(shown.message);
    }
  };

  return (
    <Modal
      title={editing ? `编辑用户：${user.username}` : '新建用户'}
      open={open}
      onOk={submit}
      okText={editing ? '保存' : '创建'}
      okButtonProps={{ loading: create.isPending || update.isPending }}
      onCancel={onClose}
      afterClose={() => setRefusal(null)}
      destroyOnHidden
    >
      {refusal && <Alert type="error" showIcon title={refusal} style={{ marginBottom: 12 }} role="alert" />}
      <Form<Values>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={
          editing
            ? { displayName: user.displayName, role: user.role, orgUnitId: user.orgUnitId ?? undefined }
            : undefined
        }
      >
        {!editing && (
          <Form.Item
            name="username"
            label="用户名"
            extra="3–64 位字母、数字、下划线、点或短横线，创建后不能修改"
            rules={[{ required: true, message: '请输入用户名' }]}
          >
            <Input autoComplete="off" data-testid="user-username" />
          </Form.Item>
        )}
        <Form.Item
          name="displayName"
          label="姓名"
          rules={[{ required: true, whitespace: true, message: '请输入姓名' }]}
        >
          <Input maxLength={100} data-testid="user-display-name" />
        </Form.Item>
        <Form.Item name="role" label="角色" rules={[{ required: true, message: '请选择角色' }]}>
          <Select options={choices('roles')} placeholder="选择角色" data-testid="user-role" />
        </Form.Item>
        <Form.Item
          name="orgUnitId"
          label="所属单位"
          extra="乡镇/村干部、职能部门须选所属单位：其可见范围由此而定"
        >
          <OrgUnitSelect placeholder="选择所属单位" data-testid="user-org-unit" />
        </Form.Item>
        {!editing && (
          <>
            <Form.Item name="phone" label="手机号">
              <Input maxLength={20} autoComplete="off" data-testid="user-phone" />
            </Form.Item>
            <Form.Item
              name="password"
              label="初始密码"
              extra="至少 8 位；请当面或电话告知本人，登录后可自行修改"
              rules={[{ required: true, message: '请输入初始密码' }]}
            >
              <Input.Password autoComplete="new-password" data-testid="user-password" />
            </Form.Item>
            <Form.Item
              name="confirm"
              label="确认密码"
              dependencies={['password']}
              rules={[
                { required: true, message: '请再次输入密码' },
                ({ getFieldValue }) => ({
                  validator: (_, value) =>
                    !value || value === getFieldValue('password')
                      ? Promise.resolve()
                      : Promise.reject(new Error('两次输入的密码不一致')),
                }),
              ]}
            >
              <Input.Password autoComplete="new-password" data-testid="user-password-confirm" />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
