import { Button, Card, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { describeError } from '../../api/client';
import type { Role } from '../../app/roles';
import { formatDateTime } from '../../lib/format';
import { changeFilters, readFilters, writeFilters } from '../../lib/url-filters';
import { useSession } from '../auth/session';
import { useOptions, useOrgUnits } from '../reference/reference';
import {
  type Task,
  TASK_DEFAULTS,
  TASK_FILTERS,
  type TaskFilters as Filters,
  useCadreNames,
  useTasks,
} from './api';
import { CompleteTaskModal } from './CompleteTaskModal';
import { TaskFilters } from './TaskFilters';
import { assigneeName, mayCompleteTask, TASK_STATUS_LABELS, targetLink } from './rules';

const SEE_ALL: Role[] = ['admin', 'commander', 'supervisor'];
const STATUS_COLORS: Record<string, string> = { open: 'processing', done: 'success', cancelled: 'default' };

/** 任务: the daily dispatch's instructions the caller sees, filtered in the URL, completed with a note. */
export default function TasksPage() {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => readFilters(params, TASK_FILTERS, TASK_DEFAULTS), [params]);
  const session = useSession();
  const user = session.data;
  const seeAll = !!user && SEE_ALL.includes(user.role);
  const list = useTasks(filters);
  const cadres = useCadreNames(seeAll);
  const { label } = useOptions();
  const org = useOrgUnits();
  const [completing, setCompleting] = useState<Task | null>(null);

  const apply = (change: Filters) =>
    setParams(writeFilters(changeFilters(filters, change), TASK_FILTERS, TASK_DEFAULTS));
  const names = { me: user?.id ?? '', user: (id: string) => cadres.data?.get(id), unit: org.name };

  const columns: ColumnsType<Task> = [
    { title: '调度日期', dataIndex: 'cycleDate', width: 110 },
    { title: '类型', dataIndex: 'kind', width: 110, render: (kind: string) => label('taskKinds', kind) },
    { title: '调度指令', dataIndex: 'instruction' },
    {
      title: '对象',
      key: 'target',
      width: 100,
      render: (_, t) => {
        const link = user && targetLink(t, user.role);
        return link ? <Link to={link.to}>{link.text}</Link> : '—';
      },
    },
    { title: '责任方', key: 'assignee', render: (_, t) => assigneeName(t, names) },
    {
      title: '期限',
      key: 'due',
      width: 150,
      render: (_, t) => (
        <Space size={4}>
          <span>{t.dueDate}</span>
          {t.overdue && <Tag color="red">逾期</Tag>}
        </Space>
      ),
    },
    {
      title: '状态',
      dataIndex: 'status',
      width: 90,
      render: (status: string) => (
        <Tag color={STATUS_COLORS[status]}>{TASK_STATUS_LABELS[status] ?? status}</Tag>
      ),
    },
    {
      title: '办理情况',
      key: 'done',
      render: (_, t) =>
        t.completedAt ? (
          <Space orientation="vertical" size={0}>
            <span>{t.note ?? '已办理'}</span>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {formatDateTime(t.completedAt)}
            </Typography.Text>
          </Space>
        ) : (
          '—'
        ),
    },
    {
      title: '操作',
      key: 'actions',
      width: 80,
      render: (_, t) =>
        user && mayCompleteTask(user, t) ? (
          <Button size="small" type="primary" onClick={() => setCompleting(t)}>
            完成
          </Button>
        ) : null,
    },
  ];

  return (
    <Card title="任务" size="small">
      <TaskFilters
        filters={filters}
        apply={apply}
        clear={() => setParams(new URLSearchParams())}
        cadres={seeAll ? (cadres.data ?? new Map()) : undefined}
      />
      {list.isError && <Typography.Text type="danger">{describeError(list.error)}</Typography.Text>}
      <Table<Task>
        rowKey="id"
        size="small"
        loading={list.isFetching}
        columns={columns}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: '暂无任务' }}
        pagination={{
          current: filters.page,
          pageSize: filters.pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100, 200],
          showTotal: (total) => `共 ${total} 项`,
          onChange: (page, pageSize) => apply({ page, pageSize }),
        }}
        data-testid="tasks-table"
      />
      <CompleteTaskModal task={completing} onClose={() => setCompleting(null)} />
    </Card>
  );
}
