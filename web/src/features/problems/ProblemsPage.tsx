import { Card, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { describeError } from '../../api/client';
import { formatDateTime } from '../../lib/format';
import { changeFilters, readFilters, writeFilters } from '../../lib/url-filters';
import { useSession } from '../auth/session';
import { useOptions, useOrgUnits } from '../reference/reference';
import {
  PROBLEM_DEFAULTS,
  PROBLEM_FILTERS,
  type Problem,
  type ProblemFilters as Filters,
  useProblems,
} from './api';
import { ProblemFilters } from './ProblemFilters';
import { HouseholdName } from './HouseholdName';
import { DueDate, SupervisedTag } from './ProblemTags';
import { SEVERITY_COLORS, STATUS_COLORS } from './rules';

/** 问题台账: every filter of GET /problems in the URL, server-paged; a row opens the problem. */
export default function ProblemsPage() {
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const session = useSession();
  const filters = useMemo(() => readFilters(params, PROBLEM_FILTERS, PROBLEM_DEFAULTS), [params]);
  const list = useProblems(filters);
  const { label } = useOptions();
  const org = useOrgUnits();
  const role = session.data?.role ?? 'handler';

  const apply = (change: Filters) =>
    setParams(writeFilters(changeFilters(filters, change), PROBLEM_FILTERS, PROBLEM_DEFAULTS));

  const columns: ColumnsType<Problem> = [
    { title: '挂号时间', dataIndex: 'openedAt', width: 140, render: formatDateTime },
    {
      title: '问题描述',
      dataIndex: 'description',
      ellipsis: true,
      render: (text: string, p) => <Link to={`/problems/${p.id}`}>{text}</Link>,
    },
    { title: '移民户', key: 'household', render: (_, p) => <HouseholdName problem={p} role={role} /> },
    { title: '类别', dataIndex: 'category', render: (v: string) => label('problemCategories', v) },
    {
      title: '紧急程度',
      dataIndex: 'severity',
      render: (v: string) => <Tag color={SEVERITY_COLORS[v]}>{label('severities', v)}</Tag>,
    },
    {
      title: '状态',
      key: 'status',
      render: (_, p) => (
        <>
          <Tag color={STATUS_COLORS[p.status]}>{label('problemStatuses', p.status)}</Tag>
          <SupervisedTag problem={p} />
        </>
      ),
    },
    { title: '承办单位', dataIndex: 'unitId', render: (id: string | null) => (id ? org.name(id) : '未交办') },
    { title: '办理时限', key: 'due', render: (_, p) => <DueDate problem={p} /> },
  ];

  const first = list.data?.items[0];
  return (
    <Card title="问题台账" size="small">
      <ProblemFilters
        filters={filters}
        apply={apply}
        clear={() => setParams(new URLSearchParams())}
        showUnit={role !== 'handler'}
        householdLabel={
          first?.householdId === filters.householdId ? (first?.householdCode ?? undefined) : undefined
        }
      />
      {list.isError && <Typography.Text type="danger">{describeError(list.error)}</Typography.Text>}
      <Table<Problem>
        rowKey="id"
        size="small"
        loading={list.isFetching}
        columns={columns}
        dataSource={list.data?.items ?? []}
        onRow={(p) => ({ onDoubleClick: () => navigate(`/problems/${p.id}`) })}
        pagination={{
          current: filters.page,
          pageSize: filters.pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100, 200],
          showTotal: (total) => `共 ${total} 件`,
          onChange: (page, pageSize) => apply({ page, pageSize }),
        }}
        data-testid="problems-table"
      />
    </Card>
  );
}
