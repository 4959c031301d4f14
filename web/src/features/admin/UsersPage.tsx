import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { describeError } from '../../api/client';
import { formatDateTime } from '../../lib/format';
import { changeFilters, readFilters, writeFilters } from '../../lib/url-filters';
import { useSession } from '../auth/session';
import { useOptions, useOrgUnits } from '../reference/reference';
import {
  type User,
  USER_DEFAULTS,
  USER_FILTERS,
  type UserFilters,
  useDeactivateUser,
  useUpdateUser,
  useUsers,
} from './api';
import { orgPath } from './org-tree';
import { OrgUnitSelect } from './OrgUnitSelect';
import { UserFormModal } from './UserFormModal';

/** 用户管理 (admin): users by role and unit, server-paged; create, edit, deactivate (and enable again). */
export default function UsersPage() {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => readFilters(params, USER_FILTERS, USER_DEFAULTS), [params]);
  const list = useUsers(filters);
  const { label, choices } = useOptions();
  const org = useOrgUnits();
  const session = useSession();
  // The user stays set while the dialog fades out, so it does not turn into the create form on its way.
  const [editing, setEditing] = useState<User | null>(null);
  const [editOpen, setEditOpen] = useState(false);
  const [creating, setCreating] = useState(false);
  const edit = (user: User) => {
    setEditing(user);
    setEditOpen(true);
  };

  const apply = (change: UserFilters) =>
    setParams(writeFilters(changeFilters(filters, change), USER_FILTERS, USER_DEFAULTS));

  const columns: ColumnsType<User> = [
    { title: '用户名', dataIndex: 'username' },
    { title: '姓名', dataIndex: 'displayName' },
    { title: '角色', dataIndex: 'role', render: (role: string) => label('roles', role) },
    {
      title: '所属单位',
      dataIndex: 'orgUnitId',
      render: (id: string | null) => (id ? orgPath(id, org.byId) || '…' : '—'),
    },
    { title: '手机号', dataIndex: 'phone', render: (phone: string | null) => phone ?? '—' },
    {
      title: '状态',
      dataIndex: 'active',
      render: (active: boolean) => (active ? <Tag color="green">启用</Tag> : <Tag>已停用</Tag>),
    },
    { title: '创建时间', dataIndex: 'createdAt', render: (at: string) => formatDateTime(at) },
    {
      title: '操作',
      key: 'actions',
      render: (_, user) => <UserActions user={user} self={user.id === session.data?.id} onEdit={edit} />,
    },
  ];

  return (
    <Card
      title="用户管理"
      size="small"
      extra={
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setCreating(true)}
          data-testid="create-user"
        >
          新建用户
        </Button>
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder="角色"
          style={{ width: 160 }}
          value={filters.role}
          options={choices('roles')}
          onChange={(role?: string) => apply({ role })}
          data-testid="filter-role"
        />
        <OrgUnitSelect
          value={filters.orgUnitId}
          onChange={(orgUnitId) => apply({ orgUnitId })}
          style={{ width: 240 }}
          data-testid="filter-org-unit"
        />
        <Button onClick={() => setParams(new URLSearchParams())}>清除筛选</Button>
      </Space>
      {list.isError && <Typography.Text type="danger">{describeError(list.error)}</Typography.Text>}
      <Table<User>
        rowKey="id"
        size="small"
        loading={list.isFetching}
        columns={columns}
        dataSource={list.data?.items ?? []}
        pagination={{
          current: filters.page,
          pageSize: filters.pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100, 200],
          showTotal: (total) => `共 ${total} 个用户`,
          onChange: (page, pageSize) => apply({ page, pageSize }),
        }}
        data-testid="users-table"
      />
      <UserFormModal user={null} open={creating} onClose={() => setCreating(false)} />
      {editing && <UserFormModal user={editing} open={editOpen} onClose={() => setEditOpen(false)} />}
    </Card>
  );
}

/** Edit, deactivate (confirmed: their sessions end at once) or enable again; nobody deactivates themselves. */
function UserActions({ user, self, onEdit }: { user: User; self: boolean; onEdit: (user: User) => void }) {
  const { message } = App.useApp();
  const deactivate = useDeactivateUser();
  const update = useUpdateUser();
  const run = async (work: () => Promise<unknown>, done: string) => {
    try {
      await work();
      message.success(done);
    } catch (error) {
      message.error(describeError(error));
    }
  };
  return (
    <Space size="small">
      <Button type="link" size="small" onClick={() => onEdit(user)} data-testid={`edit-${user.username}`}>
        编辑
      </Button>
      {user.active ? (
        <Popconfirm
          title={`停用用户「${user.displayName}」？`}
          description="停用后该用户不能再登录，已登录的会话立即失效。"
          okText="停用"
          okButtonProps={{ danger: true }}
          cancelText="取消"
          disabled={self}
          onConfirm={() => run(() => deactivate.mutateAsync(user.id), `已停用「${user.username}」`)}
        >
          <Button type="link" size="small" danger disabled={self} data-testid={`deactivate-${user.username}`}>
            停用
          </Button>
        </Popconfirm>
      ) : (
        <Button
          type="link"
          size="small"
          loading={update.isPending}
          onClick={() =>
            run(
              () => update.mutateAsync({ id: user.id, version: user.version, active: true }),
              `已启用「${user.username}」`,
            )
          }
        >
          启用
        </Button>
      )}
      <Link to={`/admin/audit?entityType=user&entityId=${user.id}`} data-testid={`audit-${user.username}`}>
        审计记录
      </Link>
    </Space>
  );
}
