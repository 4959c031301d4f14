import { Button, Card, Select, Space, Table, Tabs, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { describeError } from '../../api/client';
import { changeFilters, readFilters, writeFilters } from '../../lib/url-filters';
import { useSession } from '../auth/session';
import { useOptions } from '../reference/reference';
import {
  APPROVAL_DEFAULTS,
  APPROVAL_FILTERS,
  type Approval,
  type ApprovalFilters,
  useApprovals,
} from './api';
import { approvalColumns, outcomeColumns, waitingColumn } from './columns';
import { APPROVAL_STATUS_LABELS } from './decision';
import { DecisionModal } from './DecisionModal';

/** 审批: the requests waiting for the caller (approve / reject with a comment), and the decided ones. */
export default function ApprovalsPage() {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => readFilters(params, APPROVAL_FILTERS, APPROVAL_DEFAULTS), [params]);
  const session = useSession();
  const options = useOptions();
  const list = useApprovals(filters);
  const [deciding, setDeciding] = useState<{ approval: Approval; decision: 'approve' | 'reject' }>();
  const history = filters.tab === 'history';
  const all = filters.tab === 'all';
  const admin = session.data?.role === 'admin';

  const apply = (change: ApprovalFilters) =>
    setParams(writeFilters(changeFilters(filters, change), APPROVAL_FILTERS, APPROVAL_DEFAULTS));

  const actions: ColumnsType<Approval>[number] = {
    title: '操作',
    key: 'actions',
    render: (_, a) => (
      <Space>
        <Button
          type="primary"
          size="small"
          onClick={() => setDeciding({ approval: a, decision: 'approve' })}
          data-testid={`approve-${a.householdCode}`}
        >
          通过
        </Button>
        <Button
          danger
          size="small"
          onClick={() => setDeciding({ approval: a, decision: 'reject' })}
          data-testid={`reject-${a.householdCode}`}
        >
          驳回
        </Button>
      </Space>
    ),
  };
  // 全部在审 lists requests waiting at other levels too: it is for following them, deciding stays in 待我审批.
  const columns = history
    ? [...approvalColumns(options), waitingColumn, ...outcomeColumns]
    : all
      ? [...approvalColumns(options), waitingColumn]
      : [...approvalColumns(options), waitingColumn, actions];

  const filterBar = history ? (
    <Select
      allowClear
      placeholder="全部结果"
      style={{ width: 140 }}
      value={filters.status}
      options={['approved', 'rejected', 'cancelled'].map((value) => ({
        value,
        label: APPROVAL_STATUS_LABELS[value],
      }))}
      onChange={(status?: string) => apply({ status })}
      data-testid="filter-status"
    />
  ) : (
    admin && (
      <Select
        allowClear
        placeholder="全部层级"
        style={{ width: 140 }}
        value={filters.level}
        options={options.choices('approvalLevels')}
        onChange={(level?: string) => apply({ level })}
      />
    )
  );

  return (
    <Card title="审批" size="small">
      <Tabs
        activeKey={history ? 'history' : all ? 'all' : 'pending'}
        onChange={(tab) => setParams(writeFilters({ tab }, APPROVAL_FILTERS, APPROVAL_DEFAULTS))}
        items={[
          { key: 'pending', label: '待我审批' },
          { key: 'all', label: '全部在审' },
          { key: 'history', label: '审批记录' },
        ]}
      />
      {filterBar && <Space style={{ marginBottom: 12 }}>{filterBar}</Space>}
      {list.isError && <Typography.Text type="danger">{describeError(list.error)}</Typography.Text>}
      <Table<Approval>
        rowKey="id"
        size="small"
        loading={list.isFetching}
        columns={columns}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: history ? '暂无审批记录' : '暂无待审批的申请' }}
        pagination={{
          current: filters.page,
          pageSize: filters.pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100],
          showTotal: (total) => `共 ${total} 件`,
          onChange: (page, pageSize) => apply({ page, pageSize }),
        }}
        data-testid="approvals-table"
      />
      <DecisionModal
        approval={deciding?.approval ?? null}
        decision={deciding?.decision ?? 'approve'}
        onClose={() => setDeciding(undefined)}
      />
    </Card>
  );
}
