import { Badge, Card, Space, Table, Tabs, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router';
import { describeError } from '../../api/client';
import { formatDateTime } from '../../lib/format';
import { type OverdueItem, type OverdueLists as Lists, useOverdue } from './api';

/** The record an overdue item is about: its household, or the problem itself. */
function Target({ item }: { item: OverdueItem }) {
  if (item.targetType === 'problem')
    return <Link to={`/problems/${item.targetId}`}>{item.code ? `${item.code} 的问题` : '查看问题'}</Link>;
  if (item.householdId)
    return <Link to={`/households/${item.householdId}`}>{item.code ?? '查看移民户'}</Link>;
  return <>{item.code ?? '—'}</>;
}

/** 包户干部 → 包村领导 → 工作队长, the missing links said so. */
export const chainText = (chain: { label: string; name: string | null }[] | undefined) =>
  chain?.length ? chain.map((link) => `${link.label} ${link.name ?? '未指定'}`).join(' → ') : '—';

const COLUMNS: ColumnsType<OverdueItem> = [
  { title: '对象', key: 'target', width: 170, render: (_, item) => <Target item={item} /> },
  { title: '原因', dataIndex: 'reason' },
  { title: '责任人/单位', key: 'owner', width: 200, render: (_, item) => item.owner.name },
  { title: '包保责任链', key: 'chain', width: 260, render: (_, item) => chainText(item.chain) },
  { title: '起算时间', dataIndex: 'since', width: 150, render: (since: string) => formatDateTime(since) },
  { title: '天数', dataIndex: 'days', width: 70, align: 'right' },
];

/** Each list and its complete count. */
const KEYS = {
  overdueVisits: 'visits',
  overdueProblems: 'problems',
  stalledHouseholds: 'stalled',
  agingApprovals: 'approvals',
} as const satisfies Partial<Record<keyof Lists, keyof Lists['counts']>>;

const LISTS: [keyof typeof KEYS, string][] = [
  ['overdueVisits', '逾期走访'],
  ['overdueProblems', '超期问题'],
  ['stalledHouseholds', '停滞户'],
  ['agingApprovals', '积压审批'],
];

/** 督办清单: what is overdue or stalled right now, each with its reason and owner (oldest first). */
export function OverdueLists() {
  const overdue = useOverdue(true);
  const data = overdue.data;
  return (
    <Card
      size="small"
      title="督办清单（当前）"
      extra={
        data && <Typography.Text type="secondary">统计于 {formatDateTime(data.generatedAt)}</Typography.Text>
      }
      loading={overdue.isPending}
      data-testid="overdue-lists"
    >
      {overdue.isError && <Typography.Text type="danger">{describeError(overdue.error)}</Typography.Text>}
      {data && (
        <Tabs
          items={LISTS.map(([key, title]) => {
            const total = data.counts[KEYS[key]];
            const rows = data[key];
            return {
              key,
              label: (
                <Space size={4}>
                  {title}
                  <Badge count={total} showZero color={total ? '#cf1322' : '#bfbfbf'} overflowCount={9999} />
                </Space>
              ),
              children: (
                <>
                  {rows.length < total && (
                    <Typography.Paragraph type="secondary">
                      共 {total} 项，显示最久的 {rows.length} 项
                    </Typography.Paragraph>
                  )}
                  <Table<OverdueItem>
                    size="small"
                    rowKey="targetId"
                    columns={COLUMNS}
                    dataSource={rows}
                    pagination={rows.length > 20 ? { pageSize: 20 } : false}
                    locale={{ emptyText: `当前无${title}事项` }}
                    data-testid={`overdue-${key}`}
                  />
                </>
              ),
            };
          })}
        />
      )}
    </Card>
  );
}
