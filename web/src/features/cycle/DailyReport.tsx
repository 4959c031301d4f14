import { Card, Col, Row, Statistic, Table, Tabs, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { type ReactNode, useState } from 'react';
import { DownloadButton } from '../../components/DownloadButton';
import { formatDateTime, percent } from '../../lib/format';
import { describeMetricVersions, listMetricVersions } from '../../lib/metric-versions';
import { useOptions } from '../reference/reference';
import type { Breakdown, CadreRow, DailyReport as Report, ReportCell } from './api';
import { type OpenCell, ReportCellDrawer } from './ReportCellDrawer';

/** Opens the list behind a number (the drill-down drawer). */
type Open = (cell: ReportCell, title: string) => void;

/** A number that opens the list behind it; a zero opens nothing. */
function CellLink({ n, onOpen, testId }: { n: number; onOpen: () => void; testId?: string }): ReactNode {
  if (!n) return n;
  return (
    <Typography.Link onClick={onOpen} data-testid={testId}>
      {n}
    </Typography.Link>
  );
}

const TOTALS: [keyof Report['totals'], string][] = [
  ['households', '总户数'],
  ['householdsVisited', '走访户数'],
  ['visits', '走访次数'],
  ['intentChanges', '意愿变更'],
  ['stageMoves', '阶段变动'],
  ['problemsOpened', '新增问题'],
  ['problemsClosed', '销号问题'],
  ['problemsOverdue', '超期问题'],
  ['approvalsPending', '待审批'],
  ['priorityHouseholdsTouched', '重点户涉及'],
];

const FIGURES: [ReportCell['metric'], string][] = [
  ['households', '户数'],
  ['householdsVisited', '走访户数'],
  ['visits', '走访次数'],
  ['intentChanges', '意愿变更'],
  ['stageMoves', '阶段变动'],
  ['problemsOpened', '新增问题'],
  ['problemsClosed', '销号问题'],
  ['problemsOverdue', '超期问题'],
];

function BreakdownTable({
  rows,
  nameTitle,
  rowKey,
  open,
  testId,
}: {
  rows: Breakdown[];
  nameTitle: string;
  rowKey: 'townshipId' | 'villageId' | 'taskForceId';
  open: Open;
  testId: string;
}) {
  const figures: ColumnsType<Breakdown> = FIGURES.map(([metric, title]) => ({
    title,
    dataIndex: metric,
    align: 'right',
    render: (n: number, row: Breakdown) => (
      <CellLink n={n} onOpen={() => open({ metric, [rowKey]: row.id ?? 'none' }, `${row.name} · ${title}`)} />
    ),
  }));
  return (
    <Table<Breakdown>
      size="small"
      rowKey={(row) => row.id ?? '(none)'}
      columns={[{ title: nameTitle, dataIndex: 'name' }, ...figures]}
      dataSource={rows}
      pagination={rows.length > 50 ? { pageSize: 50 } : false}
      locale={{ emptyText: '无数据' }}
      data-testid={testId}
    />
  );
}

const cadreColumns = (open: Open): ColumnsType<CadreRow> => {
  const figure = (metric: 'assigned' | 'visitedToday' | 'overdueVisits', title: string) => ({
    title,
    dataIndex: metric,
    align: 'right' as const,
    render: (n: number, row: CadreRow) => (
      <CellLink
        n={n}
        onOpen={() => open({ metric, cadreId: row.cadreId }, `${row.displayName} · ${title}`)}
      />
    ),
  });
  return [
    { title: '包户干部', dataIndex: 'displayName' },
    figure('assigned', '包联户数'),
    figure('visitedToday', '当日走访户数'),
    figure('overdueVisits', '逾期未走访户数'),
  ];
};

/** 日汇报: the stored snapshot of a date — totals, stages, and one table per township, village, task force, cadre. */
export function DailyReport({ report, taskForces }: { report: Report; taskForces: boolean }) {
  const { label } = useOptions();
  const [opened, setOpened] = useState<OpenCell | null>(null);
  const open: Open = (cell, title) => setOpened({ cell, title });
  const tabs = [
    {
      key: 'township',
      label: `按乡镇（${report.byTownship.length}）`,
      children: (
        <BreakdownTable
          rows={report.byTownship}
          nameTitle="乡镇"
          rowKey="townshipId"
          open={open}
          testId="report-townships"
        />
      ),
    },
    {
      key: 'village',
      label: `按村（${report.byVillage.length}）`,
      children: (
        <BreakdownTable
          rows={report.byVillage}
          nameTitle="村"
          rowKey="villageId"
          open={open}
          testId="report-villages"
        />
      ),
    },
    // Task forces cross townships: an official's report has none, so the tab is left out for them.
    ...(taskForces
      ? [
          {
            key: 'taskForce',
            label: `按专班（${report.byTaskForce.length}）`,
            children: (
              <BreakdownTable
                rows={report.byTaskForce}
                nameTitle="专班"
                rowKey="taskForceId"
                open={open}
                testId="report-task-forces"
              />
            ),
          },
        ]
      : []),
    {
      key: 'cadre',
      label: `按包户干部（${report.byCadre.length}）`,
      children: (
        <Table<CadreRow>
          size="small"
          rowKey="cadreId"
          columns={cadreColumns(open)}
          dataSource={report.byCadre}
          pagination={report.byCadre.length > 50 ? { pageSize: 50 } : false}
          locale={{ emptyText: '无数据' }}
          data-testid="report-cadres"
        />
      ),
    },
  ];

  return (
    <Card
      size="small"
      title={`日汇报 · ${report.date}`}
      extra={
        <DownloadButton
          path={`/api/v1/reports/daily/${report.date}/export`}
          fallbackName={`日汇报-${report.date}.xlsx`}
          data-testid="report-export"
        >
          导出 Excel
        </DownloadButton>
      }
      data-testid="daily-report"
    >
      <Typography.Paragraph type="secondary">
        生成于 {formatDateTime(report.generatedAt)} ·{' '}
        <Tooltip title={listMetricVersions(report.metricVersions)}>
          <span data-testid="report-metric-versions">{describeMetricVersions(report.metricVersions)}</span>
        </Tooltip>
      </Typography.Paragraph>
      <Row gutter={[12, 12]} data-testid="report-totals">
        {TOTALS.map(([key, title]) => (
          <Col
            key={key}
            xs={12}
            md={6}
            xl={4}
            xxl={2}
            role={report.totals[key] ? 'button' : undefined}
            onClick={report.totals[key] ? () => open({ metric: key }, title) : undefined}
            style={report.totals[key] ? { cursor: 'pointer' } : undefined}
          >
            <Statistic
              title={title}
              value={report.totals[key]}
              styles={{
                content: key === 'problemsOverdue' && report.totals[key] ? { color: '#cf1322' } : undefined,
              }}
              data-testid={`report-total-${key}`}
            />
          </Col>
        ))}
      </Row>
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        阶段分布
      </Typography.Title>
      <Table
        size="small"
        rowKey="stage"
        pagination={false}
        dataSource={report.stages}
        columns={[
          { title: '阶段', dataIndex: 'stage', render: (stage: string) => label('stages', stage) },
          {
            title: '累计户数',
            dataIndex: 'count',
            align: 'right',
            render: (n: number, row: Report['stages'][number]) => (
              <CellLink
                n={n}
                onOpen={() =>
                  open({ metric: 'households', stage: row.stage }, `${label('stages', row.stage)} · 累计户数`)
                }
                testId={`report-stage-count-${row.stage}`}
              />
            ),
          },
          {
            title: '当日进入',
            dataIndex: 'today',
            align: 'right',
            render: (n: number, row: Report['stages'][number]) => (
              <CellLink
                n={n}
                onOpen={() =>
                  open({ metric: 'stageMoves', stage: row.stage }, `${label('stages', row.stage)} · 当日进入`)
                }
              />
            ),
          },
          { title: '占比', dataIndex: 'percent', align: 'right', render: (p: number) => percent(p) },
        ]}
        data-testid="report-stages"
      />
      <Tabs items={tabs} style={{ marginTop: 8 }} />
      <ReportCellDrawer
        date={report.date}
        open={opened}
        scoped={!taskForces}
        onClose={() => setOpened(null)}
      />
    </Card>
  );
}
