import { Alert, Drawer, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { describeError, type Schemas } from '../../api/client';
import { formatDateTime } from '../../lib/format';
import { useOptions, useOrgUnits } from '../reference/reference';
import { type ReportCell, useReportCells } from './api';

type Household = Schemas['HouseholdResponseDto'];
type CellRecord = Schemas['CellRecordDto'];
type Item = Household | CellRecord;

const LIGHT_COLORS: Record<string, string> = { red: 'red', yellow: 'gold', green: 'green' };
const RECORD_KINDS: Record<string, string> = {
  visit: '走访',
  intent: '意愿登记',
  stageMove: '阶段事件',
  problem: '问题',
  approval: '审批申请',
};

/** What a drawer opens: the figure's query and the words for its title. */
export interface OpenCell {
  cell: ReportCell;
  title: string;
}

const householdOf = (item: Item): Household | null =>
  'kind' in item ? (item as CellRecord).household : (item as Household);

/**
 * The list behind one number of the daily report (GET /reports/daily/:date/cells): the households (or visits,
 * problems, …) as they were when the report was made; its total is the number clicked.
 */
export function ReportCellDrawer({
  date,
  open,
  scoped,
  onClose,
}: {
  date: string;
  open: OpenCell | null;
  scoped: boolean;
  onClose: () => void;
}) {
  const [page, setPage] = useState(1);
  useEffect(() => setPage(1), [open]);
  const list = useReportCells(date, open?.cell ?? null, page);
  const { label } = useOptions();
  const org = useOrgUnits();
  const records = list.data !== undefined && list.data.itemKind !== 'household';

  const columns: ColumnsType<Item> = [
    ...(records
      ? [
          {
            title: '类别',
            key: 'kind',
            render: (_: unknown, item: Item) => RECORD_KINDS[(item as CellRecord).kind],
          },
        ]
      : []),
    {
      title: '户编号',
      key: 'code',
      render: (_, item) => {
        const h = householdOf(item);
        return h ? (
          <Link to={`/households/${h.id}`}>{h.code}</Link>
        ) : (
          <Typography.Text type="secondary">无户</Typography.Text>
        );
      },
    },
    { title: '户主', key: 'head', render: (_, item) => householdOf(item)?.headName ?? '—' },
    {
      title: '村',
      key: 'village',
      render: (_, item) => org.name(householdOf(item)?.villageId ?? (item as CellRecord).villageId ?? null),
    },
    { title: '阶段', key: 'stage', render: (_, item) => label('stages', householdOf(item)?.stage) },
    {
      title: '灯色',
      key: 'light',
      render: (_, item) => {
        const light = householdOf(item)?.light;
        return light ? <Tag color={LIGHT_COLORS[light]}>{label('lights', light)}</Tag> : null;
      },
    },
    {
      title: '包户干部',
      key: 'cadre',
      render: (_, item) => {
        const h = householdOf(item);
        return h ? (h.cadre?.displayName ?? '未分配') : '—';
      },
    },
  ];

  return (
    <Drawer
      open={open !== null}
      onClose={onClose}
      size="large"
      title={open ? `${open.title} · ${date}` : ''}
      data-testid="report-cell-drawer"
    >
      {list.isError && <Alert type="error" showIcon title={describeError(list.error)} />}
      <Typography.Paragraph type="secondary">
        {list.data
          ? `共 ${list.data.total} 条，为日汇报生成时（${formatDateTime(list.data.generatedAt)}）的情况`
          : '加载中…（首次打开某日的明细需计算当日数据，可能需要数秒）'}
        {scoped && '；仅列出您辖区内的户'}
      </Typography.Paragraph>
      <Table<Item>
        size="small"
        rowKey={(item) => ('kind' in item ? `${(item as CellRecord).kind}:${item.id}` : item.id)}
        loading={list.isFetching}
        columns={columns}
        dataSource={list.data?.items ?? []}
        pagination={{
          current: page,
          pageSize: 20,
          total: list.data?.total ?? 0,
          showSizeChanger: false,
          onChange: setPage,
        }}
        locale={{ emptyText: '无数据' }}
        data-testid="report-cell-items"
      />
    </Drawer>
  );
}
