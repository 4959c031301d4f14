import { Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useNavigate } from 'react-router';
import type { Summary } from './api';

type Village = Summary['villages'][number];
type Row = Village & { key: string };

/**
 * 挂图作战: households per stage per village (grouped by township), with the lights; every number opens the
 * household list behind it.
 */
export function StageMatrix({ summary }: { summary: Summary }) {
  const navigate = useNavigate();
  const open = (query: Record<string, string>) => navigate(`/households?${new URLSearchParams(query)}`);
  const cell = (count: number, query: Record<string, string>, testId?: string) =>
    count === 0 ? (
      <span style={{ color: '#bbb' }}>0</span>
    ) : (
      <a className="matrix-cell" data-testid={testId} onClick={() => open(query)}>
        {count}
      </a>
    );

  const columns: ColumnsType<Row> = [
    {
      title: '乡镇',
      dataIndex: 'townshipName',
      fixed: 'left',
      width: 96,
      render: (v: string | null) => v ?? '—',
    },
    { title: '村', dataIndex: 'villageName', fixed: 'left', width: 110 },
    ...summary.stages.map((stage) => ({
      title: stage.label,
      key: stage.stage,
      width: 78,
      align: 'center' as const,
      render: (_: unknown, row: Row) =>
        cell(
          row.stages[stage.stage] ?? 0,
          { villageId: row.villageId, stage: stage.stage },
          `cell-${row.villageId}-${stage.stage}`,
        ),
    })),
    {
      title: '合计',
      key: 'total',
      width: 70,
      align: 'center' as const,
      render: (_: unknown, row: Row) => cell(row.households, { villageId: row.villageId }),
    },
    {
      title: '红/黄/绿',
      key: 'lights',
      width: 150,
      render: (_: unknown, row: Row) => (
        <>
          <Tag color="red">{cell(row.lights.red, { villageId: row.villageId, light: 'red' })}</Tag>
          <Tag color="gold">{cell(row.lights.yellow, { villageId: row.villageId, light: 'yellow' })}</Tag>
          <Tag color="green">{cell(row.lights.green, { villageId: row.villageId, light: 'green' })}</Tag>
        </>
      ),
    },
  ];
  const rows = [...summary.villages]
    .sort(
      (a, b) =>
        (a.townshipName ?? '').localeCompare(b.townshipName ?? '', 'zh-Hans-CN') ||
        a.villageName.localeCompare(b.villageName, 'zh-Hans-CN'),
    )
    .map((village) => ({ ...village, key: village.villageId }));
  return (
    <Table<Row>
      size="small"
      bordered
      columns={columns}
      dataSource={rows}
      pagination={false}
      scroll={{ x: 'max-content' }}
      data-testid="stage-matrix"
    />
  );
}
