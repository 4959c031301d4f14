import { Space, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router';
import { formatDateTime } from '../../lib/format';
import { timeAgo } from '../../lib/time-ago';
import type { useOptions } from '../reference/reference';
import type { Approval } from './api';
import { APPROVAL_STATUS_LABELS, STEP_STATUS_LABELS, requestedMove } from './decision';

type Options = ReturnType<typeof useOptions>;

const STEP_COLORS: Record<string, string> = {
  pending: 'processing',
  approved: 'success',
  rejected: 'error',
  waiting: 'default',
  cancelled: 'default',
};
const STATUS_COLORS: Record<string, string> = {
  pending: 'processing',
  approved: 'success',
  rejected: 'error',
  cancelled: 'default',
};

/** The columns both tabs share: the household (a link), what is asked, who asked, the chain so far. */
export function approvalColumns({ label }: Options): ColumnsType<Approval> {
  return [
    {
      title: '移民户',
      key: 'household',
      render: (_, a) => (
        <Link to={`/households/${a.householdId}`}>
          {a.householdCode} · {a.headName}
        </Link>
      ),
    },
    { title: '申请事项', key: 'move', render: (_, a) => requestedMove(a, label) },
    { title: '申请人', dataIndex: 'requesterName', render: (name: string | null) => name ?? '—' },
    {
      title: '申请说明',
      dataIndex: 'comment',
      ellipsis: true,
      render: (comment: string | null) => comment ?? '—',
    },
    {
      title: '审批进度',
      key: 'steps',
      render: (_, a) => (
        <Space size={4} wrap>
          {a.steps.map((s) => (
            <Tooltip
              key={s.level}
              title={
                s.decidedAt
                  ? `${s.decidedByName ?? ''} ${formatDateTime(s.decidedAt)}${s.comment ? `：${s.comment}` : ''}`
                  : undefined
              }
            >
              <Tag color={STEP_COLORS[s.status]}>
                {label('approvalLevels', s.level)} {STEP_STATUS_LABELS[s.status] ?? s.status}
              </Tag>
            </Tooltip>
          ))}
        </Space>
      ),
    },
  ];
}

/** How long a request has waited: "3天前" with the exact time beneath. */
export const waitingColumn: ColumnsType<Approval>[number] = {
  title: '提交时间',
  dataIndex: 'requestedAt',
  render: (at: string) => (
    <Space orientation="vertical" size={0}>
      <span>{timeAgo(at)}</span>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {formatDateTime(at)}
      </Typography.Text>
    </Space>
  ),
};

/** The history's outcome: status, when, and the last comment given. */
export const outcomeColumns: ColumnsType<Approval> = [
  {
    title: '结果',
    dataIndex: 'status',
    render: (status: string) => (
      <Tag color={STATUS_COLORS[status]}>{APPROVAL_STATUS_LABELS[status] ?? status}</Tag>
    ),
  },
  {
    title: '审批意见',
    key: 'opinion',
    render: (_, a) =>
      a.steps
        .filter((s) => s.comment)
        .map((s) => `${s.decidedByName ?? ''}：${s.comment}`)
        .join('；') || '—',
  },
  { title: '办结时间', dataIndex: 'decidedAt', render: (at: string | null) => formatDateTime(at) },
];
