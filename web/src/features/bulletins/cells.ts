import type { Bulletin, BulletinCell, RankRow } from './api';

/** Drill-down of the bulletin: which of its numbers open a list, and the query for each. */

export type RankingKey = keyof Bulletin['rankings'];
type GroupKind = NonNullable<BulletinCell['groupKind']>;
type Metric = BulletinCell['metric'];

/** The kind of group each ranking ranks (the endpoint's groupKind). */
export const GROUP_OF: Record<RankingKey, GroupKind> = {
  taskForces: 'taskForce',
  townships: 'township',
  villages: 'village',
  units: 'unit',
  cadres: 'cadre',
};

/** A ranking column that opens a list, and what it lists: 签约率 its signed households, 本周提升 those that moved up. */
export const ROW_METRICS = {
  households: 'households',
  signedPercent: 'signed',
  gain: 'progressed',
  closed: 'closed',
  closedOnTime: 'closedOnTime',
  overdue: 'overdue',
} as const satisfies Partial<Record<keyof RankRow, Metric>>;
export type RowColumn = keyof typeof ROW_METRICS;

/** A figure of the totals that opens a list. */
export const TOTAL_METRICS = {
  households: 'households',
  signedPercent: 'signed',
  gain: 'progressed',
  closed: 'closed',
  closedOnTime: 'closedOnTime',
  overdueProblems: 'overdueProblems',
  overdueVisits: 'overdueVisits',
  supervised: 'supervised',
} as const satisfies Partial<Record<keyof Bulletin['totals'], Metric>>;
export type TotalColumn = keyof typeof TOTAL_METRICS;

/**
 * Whether a number has a list behind it: a count when it is not zero; a share or a gain when there are
 * households to look at (a 0.0 % may still round a few away, a zero gain may be a rise and a rollback).
 */
const opens = (value: number | null): boolean => value !== null && value !== 0;
const opensShare = (value: number | null): boolean => value !== null;

function hasList(column: RowColumn | TotalColumn, value: number | null): boolean {
  return column === 'signedPercent' || column === 'gain' ? opensShare(value) : opens(value);
}

/** The list a number of a ranking's row opens; null when there is nothing behind it. */
export function rowCell(ranking: RankingKey, row: RankRow, column: RowColumn): BulletinCell | null {
  if (!hasList(column, row[column])) return null;
  return { metric: ROW_METRICS[column], groupKind: GROUP_OF[ranking], groupId: row.id };
}

/** The list a figure of the totals opens; null when there is nothing behind it. */
export function totalCell(totals: Bulletin['totals'], column: TotalColumn): BulletinCell | null {
  return hasList(column, totals[column]) ? { metric: TOTAL_METRICS[column] } : null;
}

/** What a list is of, said under the drawer's title. */
const NOTES: Partial<Record<Metric, string>> = {
  signed: '周末时点处于已签约及以后阶段的户（签约率的分子）',
  progressed: '本周阶段有推进的户：本周提升由此而来（退回的户使提升降低，不在此列），此户数不是通报中的数字',
  closedOnTime: '本周销号且销号时间不晚于办理时限的问题',
  overdueVisits: '周末时点超过走访间隔未走访的户',
  overdueProblems: '周末时点仍在办且已超过办理时限的问题',
  supervised: '周末时点挂牌督办且未销号的问题',
};

/** "共 3 户，为 2026-11-29 24 时（周末时点）的情况；本周阶段有推进的户…". */
export function cellCaption(
  cell: BulletinCell,
  page: { total: number; itemKind: string },
  lastDate: string,
): string {
  const count = page.itemKind === 'household' ? `共 ${page.total} 户` : `共 ${page.total} 个问题`;
  const note =
    cell.metric === 'overdue'
      ? cell.groupKind === 'cadre'
        ? NOTES.overdueVisits
        : NOTES.overdueProblems
      : NOTES[cell.metric];
  return `${count}，为 ${lastDate} 24 时（周末时点）的情况${note ? `；${note}` : ''}`;
}
