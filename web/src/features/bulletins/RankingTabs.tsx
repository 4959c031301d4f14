import { Card, Table, Tabs, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { ReactNode } from 'react';
import { percent } from '../../lib/format';
import type { Bulletin, Ranking, RankRow } from './api';
import { CellLink, type OpenCell } from './BulletinCellDrawer';
import { type RankingKey, type RowColumn, rowCell } from './cells';
import { points, RANKINGS } from './rankings';

/** Columns of a ranking; units are ranked by problems only, so the household figures are left out for them. */
function columns(key: RankingKey, ranking: Ranking, open: OpenCell): ColumnsType<RankRow> {
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
  // A number of the row that opens the households or problems behind it.
  const figure = (
    column: RowColumn,
    title: string,
    show: (row: RankRow) => ReactNode,
  ): ColumnsType<RankRow>[number] => ({
    title,
    dataIndex: column,
    align: 'right',
    render: (_: unknown, row: RankRow) => (
      <CellLink
        cell={rowCell(key, row, column)}
        title={`${row.name} · ${title}`}
        open={open}
        testId={`ranking-${key}-${column}`}
      >
        {show(row)}
      </CellLink>
    ),
  });
  const households: ColumnsType<RankRow> = [
    figure('households', '户数', (row) => row.households),
    { title: '期初完成率', dataIndex: 'completionStart', align: 'right', render: (v) => percent(v) },
    { title: '综合完成率', dataIndex: 'completion', align: 'right', render: (v) => percent(v) },
    figure('gain', '本周提升', (row) => points(row.gain)),
    figure('signedPercent', '签约率', (row) => percent(row.signedPercent)),
  ];
  const problems: ColumnsType<RankRow> = [
    figure('closed', '本周销号', (row) => row.closed),
    figure('closedOnTime', '按期销号', (row) => row.closedOnTime),
    { title: '按期销号率', dataIndex: 'onTimeRate', align: 'right', render: (v) => percent(v) },
    figure('overdue', key === 'cadres' ? '超期未走访户' : '超期数', (row) =>
      row.overdue ? <Typography.Text type="danger">{row.overdue}</Typography.Text> : row.overdue,
    ),
  ];
  return [
    { title: '名次', dataIndex: 'rank', width: 64, align: 'center' },
    name,
    ...(key === 'units' ? [] : households),
    ...problems,
  ];
}

/** 排名: one tab per ranking, each with its rule; the bottom three are marked; a number opens its list. */
export function RankingTabs({ bulletin, open }: { bulletin: Bulletin; open: OpenCell }) {
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
                  columns={columns(key, ranking, open)}
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
