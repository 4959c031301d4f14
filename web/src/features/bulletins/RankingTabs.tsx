import { Card, Table, Tabs, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { percent } from '../../lib/format';
import type { Bulletin, Ranking, RankRow } from './api';
import { points, RANKINGS } from './rankings';

/** Columns of a ranking; units are ranked by problems only, so the household figures are left out for them. */
function columns(ranking: Ranking, byProblems: boolean): ColumnsType<RankRow> {
  const bottom = new Set(ranking.bottom.map((b) => b.id));
  const name: ColumnsType<RankRow>[number] = {
    title: '名称',
    dataIndex: 'name',
    render: (value: string, row) => (
      <>
        {value}
        {bottom.has(row.id) && (
          <Tag color="red" style={{ marginLeft: 6 }}>
            末位
          </Tag>
        )}
      </>
    ),
  };
  const households: ColumnsType<RankRow> = [
    { title: '户数', dataIndex: 'households', align: 'right' },
    { title: '期初完成率', dataIndex: 'completionStart', align: 'right', render: (v) => percent(v) },
    { title: '综合完成率', dataIndex: 'completion', align: 'right', render: (v) => percent(v) },
    { title: '本周提升', dataIndex: 'gain', align: 'right', render: (v) => points(v) },
    { title: '签约率', dataIndex: 'signedPercent', align: 'right', render: (v) => percent(v) },
  ];
  const problems: ColumnsType<RankRow> = [
    { title: '本周销号', dataIndex: 'closed', align: 'right' },
    { title: '按期销号', dataIndex: 'closedOnTime', align: 'right' },
    { title: '按期销号率', dataIndex: 'onTimeRate', align: 'right', render: (v) => percent(v) },
    {
      title: '超期数',
      dataIndex: 'overdue',
      align: 'right',
      render: (n: number) => (n ? <Typography.Text type="danger">{n}</Typography.Text> : n),
    },
  ];
  return [
    { title: '名次', dataIndex: 'rank', width: 64, align: 'center' },
    name,
    ...(byProblems ? [] : households),
    ...problems,
  ];
}

/** 排名: one tab per ranking, each with its rule; the bottom three are marked. */
export function RankingTabs({ bulletin }: { bulletin: Bulletin }) {
  return (
    <Card size="small" title="排名" data-testid="rankings">
      <Tabs
        items={RANKINGS.map(([key, label]) => {
          const ranking = bulletin.rankings[key];
          return {
            key,
            label: `${label}（${ranking.rows.length}）`,
            children: (
              <>
                <Typography.Paragraph type="secondary">排名规则：{ranking.rule}</Typography.Paragraph>
                <Table<RankRow>
                  size="small"
                  rowKey="id"
                  columns={columns(ranking, key === 'units')}
                  dataSource={ranking.rows}
                  pagination={ranking.rows.length > 50 ? { pageSize: 50 } : false}
                  locale={{ emptyText: '本周无可排名对象' }}
                  data-testid={`ranking-${key}`}
                />
              </>
            ),
          };
        })}
      />
    </Card>
  );
}
