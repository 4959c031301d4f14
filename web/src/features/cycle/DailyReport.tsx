import { Card, Col, Row, Statistic, Table, Tabs, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { DownloadButton } from '../../components/DownloadButton';
import { formatDateTime, percent } from '../../lib/format';
import { describeMetricVersions, listMetricVersions } from '../../lib/metric-versions';
import { useOptions } from '../reference/reference';
import type { Breakdown, CadreRow, DailyReport as Report } from './api';

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

const FIGURE_COLUMNS: ColumnsType<Breakdown> = [
  { title: '户数', dataIndex: 'households', align: 'right' },
  { title: '走访户数', dataIndex: 'householdsVisited', align: 'right' },
  { title: '走访次数', dataIndex: 'visits', align: 'right' },
  { title: '意愿变更', dataIndex: 'intentChanges', align: 'right' },
  { title: '阶段变动', dataIndex: 'stageMoves', align: 'right' },
  { title: '新增问题', dataIndex: 'problemsOpened', align: 'right' },
  { title: '销号问题', dataIndex: 'problemsClosed', align: 'right' },
  { title: '超期问题', dataIndex: 'problemsOverdue', align: 'right' },
];

function BreakdownTable({
  rows,
  nameTitle,
  testId,
}: {
  rows: Breakdown[];
  nameTitle: string;
  testId: string;
}) {
  return (
    <Table<Breakdown>
      size="small"
      rowKey={(row) => row.id ?? '(none)'}
      columns={[{ title: nameTitle, dataIndex: 'name' }, ...FIGURE_COLUMNS]}
      dataSource={rows}
      pagination={rows.length > 50 ? { pageSize: 50 } : false}
      locale={{ emptyText: '无数据' }}
      data-testid={testId}
    />
  );
}

const CADRE_COLUMNS: ColumnsType<CadreRow> = [
  { title: '包户干部', dataIndex: 'displayName' },
  { title: '包联户数', dataIndex: 'assigned', align: 'right' },
  { title: '当日走访户数', dataIndex: 'visitedToday', align: 'right' },
  {
    title: '逾期未走访户数',
    dataIndex: 'overdueVisits',
    align: 'right',
    render: (n: number) => (n ? <Typography.Text type="danger">{n}</Typography.Text> : n),
  },
];

/** 日汇报: the stored snapshot of a date — totals, stages, and one table per township, village, task force, cadre. */
export function DailyReport({ report, taskForces }: { report: Report; taskForces: boolean }) {
  const { label } = useOptions();
  const tabs = [
    {
      key: 'township',
      label: `按乡镇（${report.byTownship.length}）`,
      children: <BreakdownTable rows={report.byTownship} nameTitle="乡镇" testId="report-townships" />,
    },
    {
      key: 'village',
      label: `按村（${report.byVillage.length}）`,
      children: <BreakdownTable rows={report.byVillage} nameTitle="村" testId="report-villages" />,
    },
    // Task forces cross townships: an official's report has none, so the tab is left out for them.
    ...(taskForces
      ? [
          {
            key: 'taskForce',
            label: `按专班（${report.byTaskForce.length}）`,
            children: (
              <BreakdownTable rows={report.byTaskForce} nameTitle="专班" testId="report-task-forces" />
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
          columns={CADRE_COLUMNS}
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
          <Col key={key} xs={12} md={6} xl={4} xxl={2}>
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
          { title: '累计户数', dataIndex: 'count', align: 'right' },
          { title: '当日进入', dataIndex: 'today', align: 'right' },
          { title: '占比', dataIndex: 'percent', align: 'right', render: (p: number) => percent(p) },
        ]}
        data-testid="report-stages"
      />
      <Tabs items={tabs} style={{ marginTop: 8 }} />
    </Card>
  );
}
