import { Alert, Drawer, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { type ReactNode, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { describeError, type Schemas } from '../../api/client';
import { formatDateTime } from '../../lib/format';
import { useOptions, useOrgUnits } from '../reference/reference';
import { type ReportCell, useReportCells } from './api';

type Household = Schemas['HouseholdResponseDto'];
/** A counted record with its household: the daily report's visits, problems, …, the bulletin's problems. */
export type CellRecord = Pick<Schemas['CellRecordDto'], 'id' | 'householdId' | 'villageId' | 'household'> & {
  kind: string;
};
export type CellItem = Household | CellRecord;

/** A page of a drill-down list, as both the daily report's and the weekly bulletin's cells answer. */
export interface CellListPage {
  total: number;
  itemKind: string;
  items: CellItem[];
}

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

export const householdOf = (item: CellItem): Household | null =>
  'kind' in item ? (item as CellRecord).household : (item as Household);

export type HouseholdColumn = 'code' | 'head' | 'village' | 'stage' | 'light' | 'cadre';

/** The household columns of a drill-down list (of a household item, or of a record's household), in this order. */
export function useHouseholdColumns(
  keys: HouseholdColumn[] = ['code', 'head', 'village', 'stage', 'light', 'cadre'],
): ColumnsType<CellItem> {
  const { label } = useOptions();
  const org = useOrgUnits();
  const columns: Record<HouseholdColumn, ColumnsType<CellItem>[number]> = {
    code: {
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
    head: { title: '户主', key: 'head', render: (_, item) => householdOf(item)?.headName ?? '—' },
    village: {
      title: '村',
      key: 'village',
      render: (_, item) => org.name(householdOf(item)?.villageId ?? (item as CellRecord).villageId ?? null),
    },
    stage: { title: '阶段', key: 'stage', render: (_, item) => label('stages', householdOf(item)?.stage) },
    light: {
      title: '灯色',
      key: 'light',
      render: (_, item) => {
        const light = householdOf(item)?.light;
        return light ? <Tag color={LIGHT_COLORS[light]}>{label('lights', light)}</Tag> : null;
      },
    },
    cadre: {
      title: '包户干部',
      key: 'cadre',
      render: (_, item) => {
        const h = householdOf(item);
        return h ? (h.cadre?.displayName ?? '未分配') : '—';
      },
    },
  };
  return keys.map((key) => columns[key]);
}

/**
 * The drawer of a drill-down list: a caption, then a page of items with the given columns; its total is the
 * number clicked. The daily report's (below) and the weekly bulletin's drawers are this with their own query.
 */
export function CellListDrawer({
  open,
  title,
  onClose,
  list,
  columns,
  caption,
  page,
  onPage,
  width = 'large',
  testId,
}: {
  open: boolean;
  title: string;
  onClose: () => void;
  list: { data?: CellListPage; isError: boolean; error: unknown; isFetching: boolean };
  columns: ColumnsType<CellItem>;
  caption: ReactNode;
  page: number;
  onPage: (page: number) => void;
  width?: 'large' | number;
  /** `<testId>-drawer` and `<testId>-items` */
  testId: string;
}) {
  return (
    <Drawer open={open} onClose={onClose} size={width} title={title} data-testid={`${testId}-drawer`}>
      {list.isError && <Alert type="error" showIcon title={describeError(list.error)} />}
      <Typography.Paragraph type="secondary">{caption}</Typography.Paragraph>
      <Table<CellItem>
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
          onChange: onPage,
        }}
        locale={{ emptyText: '无数据' }}
        data-testid={`${testId}-items`}
      />
    </Drawer>
  );
}

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
  const households = useHouseholdColumns();
  const records = list.data !== undefined && list.data.itemKind !== 'household';
  const kind: ColumnsType<CellItem>[number] = {
    title: '类别',
    key: 'kind',
    render: (_, item) => RECORD_KINDS[(item as CellRecord).kind],
  };

  return (
    <CellListDrawer
      open={open !== null}
      title={open ? `${open.title} · ${date}` : ''}
      onClose={onClose}
      list={list}
      columns={records ? [kind, ...households] : households}
      caption={
        <>
          {list.data
            ? `共 ${list.data.total} 条，为日汇报生成时（${formatDateTime(list.data.generatedAt)}）的情况`
            : '加载中…（首次打开某日的明细需计算当日数据，可能需要数秒）'}
          {scoped && '；仅列出您辖区内的户'}
        </>
      }
      page={page}
      onPage={setPage}
      testId="report-cell"
    />
  );
}
