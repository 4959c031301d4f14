import { Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { type ReactNode, useEffect, useState } from 'react';
import { Link } from 'react-router';
import type { Schemas } from '../../api/client';
import { formatDateTime } from '../../lib/format';
import { type CellItem, CellListDrawer, useHouseholdColumns } from '../cycle/ReportCellDrawer';
import { useOptions, useOrgUnits } from '../reference/reference';
import { type BulletinCell, useBulletinCells } from './api';
import { cellCaption } from './cells';
import { addDays } from './weeks';

type Problem = Schemas['BulletinProblemItemDto'];

/** What the drawer opens: the number's query and the words for its title. */
export interface OpenBulletinCell {
  cell: BulletinCell;
  title: string;
}

/** Opens the list behind a number (the drill-down drawer). */
export type OpenCell = (cell: BulletinCell, title: string) => void;

/** A number that opens the list behind it, or the bare number when nothing is behind it. */
export function CellLink({
  cell,
  title,
  open,
  children,
  testId,
}: {
  cell: BulletinCell | null;
  title: string;
  open: OpenCell;
  children: ReactNode;
  testId?: string;
}) {
  if (!cell) return <>{children}</>;
  return (
    <Typography.Link onClick={() => open(cell, title)} data-testid={testId}>
      {children}
    </Typography.Link>
  );
}

/**
 * The list behind one number of the weekly bulletin (GET /bulletins/weekly/:weekStart/cells): households as they
 * were at week end, or problems with their household then; its total is the number clicked.
 */
export function BulletinCellDrawer({
  weekStart,
  open,
  onClose,
}: {
  weekStart: string;
  open: OpenBulletinCell | null;
  onClose: () => void;
}) {
  const [page, setPage] = useState(1);
  useEffect(() => setPage(1), [open]);
  const list = useBulletinCells(weekStart, open?.cell ?? null, page);
  const { label } = useOptions();
  const org = useOrgUnits();
  const households = useHouseholdColumns();
  const problemHouseholds = useHouseholdColumns(['code', 'village', 'cadre']);
  const closedList = open?.cell.metric === 'closed' || open?.cell.metric === 'closedOnTime';
  const problem = (item: CellItem) => item as Problem;
  const problemColumns: ColumnsType<CellItem> = [
    {
      title: '问题',
      key: 'problem',
      render: (_, item) => (
        <Link to={`/problems/${item.id}`}>{label('problemCategories', problem(item).category)}</Link>
      ),
    },
    { title: '等级', key: 'severity', render: (_, item) => label('severities', problem(item).severity) },
    {
      title: '周末状态',
      key: 'status',
      render: (_, item) => label('problemStatuses', problem(item).status),
    },
    {
      title: '责任单位',
      key: 'unit',
      render: (_, item) => {
        const unitId = problem(item).unitId;
        return unitId ? org.name(unitId) : '尚未交办';
      },
    },
    {
      title: '时限',
      key: 'due',
      render: (_, item) => {
        const p = problem(item);
        const late = p.closedAt !== null && p.closedAt > p.dueAt;
        return (
          <>
            {formatDateTime(p.dueAt)}
            {late && (
              <Tag color="orange" style={{ marginLeft: 6 }}>
                逾期销号
              </Tag>
            )}
          </>
        );
      },
    },
    ...(closedList
      ? [
          {
            title: '销号时间',
            key: 'closed',
            render: (_: unknown, item: CellItem) => formatDateTime(problem(item).closedAt),
          },
        ]
      : []),
    ...problemHouseholds,
  ];
  const problems = list.data !== undefined && list.data.itemKind === 'problem';

  return (
    <CellListDrawer
      open={open !== null}
      title={open ? `${open.title} · 周通报 ${weekStart}` : ''}
      onClose={onClose}
      list={list}
      columns={problems ? problemColumns : households}
      caption={
        list.data && open
          ? cellCaption(open.cell, list.data, addDays(weekStart, 6))
          : '加载中…（首次打开某周的明细需按周通报口径计算该周数据，可能需要数秒）'
      }
      page={page}
      onPage={setPage}
      width={problems ? 960 : 'large'}
      testId="bulletin-cell"
    />
  );
}
