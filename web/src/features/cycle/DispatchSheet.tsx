import { Card, Collapse, Empty, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router';
import { describeError } from '../../api/client';
import { useOptions } from '../reference/reference';
import { type DispatchSheet as Sheet, type Task, useDispatchSheet } from './api';
import { chainText } from './OverdueLists';

const TASK_STATUS: Record<string, [string, string]> = {
  open: ['待办', 'processing'],
  done: ['已完成', 'success'],
  cancelled: ['已取消', 'default'],
};

/** Where a task's target is read: the household, the problem, or the household an approval moves. */
export function TaskTarget({ task }: { task: Task }) {
  if (task.targetType === 'problem') return <Link to={`/problems/${task.targetId}`}>查看问题</Link>;
  if (task.householdId) return <Link to={`/households/${task.householdId}`}>查看移民户</Link>;
  return <Typography.Text type="secondary">—</Typography.Text>;
}

function TaskTable({ tasks }: { tasks: Task[] }) {
  const { label } = useOptions();
  const columns: ColumnsType<Task> = [
    { title: '类型', dataIndex: 'kind', width: 110, render: (kind: string) => label('taskKinds', kind) },
    { title: '调度指令', dataIndex: 'instruction' },
    { title: '对象', key: 'target', width: 100, render: (_, task) => <TaskTarget task={task} /> },
    { title: '办理时限', dataIndex: 'dueDate', width: 110 },
    { title: '包保责任链', key: 'chain', width: 240, render: (_, task) => chainText(task.chain) },
    {
      title: '状态',
      dataIndex: 'status',
      width: 90,
      render: (status: string, task) => {
        const [text, color] = TASK_STATUS[status] ?? [status, 'default'];
        return (
          <Space size={4}>
            <Tag color={color}>{text}</Tag>
            {task.overdue && <Tag color="red">超期</Tag>}
            {task.escalation.level > 0 && <Tag color="volcano">已升级{task.escalation.level}级</Tag>}
          </Space>
        );
      },
    },
  ];
  return (
    <Table<Task>
      size="small"
      rowKey="id"
      columns={columns}
      dataSource={tasks}
      pagination={tasks.length > 50 ? { pageSize: 50 } : false}
      locale={{ emptyText: '本日无新任务（仅有前日在办任务）' }}
    />
  );
}

function SheetBody({ sheet, dispatchRan }: { sheet: Sheet; dispatchRan: boolean }) {
  if (sheet.assignees.length === 0)
    return (
      <Empty
        description={
          dispatchRan
            ? `本日无逾期或积压事项，未下达调度任务${sheet.carriedOver ? `（前日任务仍在办 ${sheet.carriedOver} 项）` : ''}`
            : '该日尚未运行日调度'
        }
      />
    );
  return (
    <Collapse
      defaultActiveKey={sheet.assignees.length <= 3 ? sheet.assignees.map((_, i) => String(i)) : []}
      items={sheet.assignees.map((group, i) => ({
        key: String(i),
        label: (
          <Space size={8} wrap>
            <Typography.Text strong>{group.assignee.name}</Typography.Text>
            <Tag color="blue">本日 {group.tasks.length} 项</Tag>
            {group.carriedOver > 0 && (
              <Tag>
                前日在办 {group.carriedOver} 项
                {group.carriedOverdue ? `（已到期 ${group.carriedOverdue}）` : ''}
              </Tag>
            )}
          </Space>
        ),
        children: <TaskTable tasks={group.tasks} />,
      }))}
    />
  );
}

/** 调度单: the tasks the date's dispatch issued, grouped by assignee. */
export function DispatchSheet({ date, dispatchRan }: { date: string; dispatchRan: boolean }) {
  const sheet = useDispatchSheet(date, true);
  return (
    <Card
      size="small"
      title={`调度单 · ${date}`}
      extra={
        sheet.data && (
          <Typography.Text type="secondary">
            下达 {sheet.data.issued} 项 · 前日在办 {sheet.data.carriedOver} 项
          </Typography.Text>
        )
      }
      loading={sheet.isPending}
      data-testid="dispatch-sheet"
    >
      {sheet.isError ? (
        <Typography.Text type="danger">{describeError(sheet.error)}</Typography.Text>
      ) : (
        sheet.data && <SheetBody sheet={sheet.data} dispatchRan={dispatchRan} />
      )}
    </Card>
  );
}
