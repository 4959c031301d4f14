import { STAGES } from '../households/household-stages';

/**
 * 周通报 arithmetic (docs/metrics.md), pure so it is unit-tested without a database. Percentages are rounded
 * to one decimal, and rankings compare the rounded figures, so what the bulletin shows as equal ranks equal.
 */

/** Steps from 已登记 (0) to 已销号 (11): a household's progress is its step over this. */
export const TOTAL_STEPS = STAGES.length - 1;

/** 已签约 and beyond count as signed (签约率, shown beside the completion %). */
export const SIGNED_STEP = STAGES.indexOf('agreement_signed');

export const stageStep = (stage: string): number => Math.max(0, STAGES.indexOf(stage as never));

const round1 = (value: number): number => Math.round(value * 10) / 10;

/** 综合完成率: the mean of the households' stage steps over 11, as a percentage; null for no households. */
export function completionPercent(steps: number, households: number): number | null {
  return households === 0 ? null : round1((steps / (households * TOTAL_STEPS)) * 100);
}

/** 本周进度提升: completion at week end minus at week start, same households, in percentage points. */
export function gainPoints(stepsStart: number, stepsEnd: number, households: number): number | null {
  return households === 0 ? null : round1(((stepsEnd - stepsStart) / (households * TOTAL_STEPS)) * 100);
}

/** 按期销号率: of the problems closed in the week, the share closed by their deadline; null if none closed. */
export function onTimeRate(closedOnTime: number, closed: number): number | null {
  return closed === 0 ? null : round1((closedOnTime / closed) * 100);
}

export function sharePercent(part: number, whole: number): number | null {
  return whole === 0 ? null : round1((part / whole) * 100);
}

/** What the SQL counts for one group (a task force, township, village, cadre or unit). */
export interface GroupFigures {
  households: number;
  stepsStart: number;
  stepsEnd: number;
  signed: number;
  closed: number;
  closedOnTime: number;
  /** Active problems past due at week end; for cadres: their households overdue for a visit. */
  overdue: number;
}

export const emptyFigures = (): GroupFigures => ({
  households: 0,
  stepsStart: 0,
  stepsEnd: 0,
  signed: 0,
  closed: 0,
  closedOnTime: 0,
  overdue: 0,
});

export function addFigures(into: GroupFigures, from: Partial<GroupFigures>): GroupFigures {
  for (const key of Object.keys(into) as (keyof GroupFigures)[]) into[key] += from[key] ?? 0;
  return into;
}

export interface RankRow {
  rank: number;
  id: string;
  name: string;
  /** Null for units: they have problems, not households. */
  households: number | null;
  completionStart: number | null;
  completion: number | null;
  gain: number | null;
  signedPercent: number | null;
  closed: number;
  closedOnTime: number;
  onTimeRate: number | null;
  overdue: number;
}

/** The completion and problem figures of a ranked row, also the bulletin's totals. */
export type RankFigures = Pick<
  RankRow,
  'completionStart' | 'completion' | 'gain' | 'signedPercent' | 'closed' | 'closedOnTime' | 'onTimeRate'
>;

export interface Group {
  id: string;
  name: string;
  figures: GroupFigures;
}

export type RankingKind = 'households' | 'units';

/** The order of each ranking, as text for the bulletin and docs/metrics.md. */
export const RANKING_RULES: Record<RankingKind, string> = {
  households:
    '综合完成率从高到低；相同则本周提升从高到低，再超期数从少到多，再按期销号率从高到低（无销号排后）',
  units: '超期问题数从少到多；相同则按期销号率从高到低（无销号排后），再本周销号数从多到少',
};

export function toRow(group: Group, kind: RankingKind): RankRow {
  const f = group.figures;
  const perHousehold = kind === 'households';
  return {
    rank: 0,
    id: group.id,
    name: group.name,
    households: perHousehold ? f.households : null,
    completionStart: perHousehold ? completionPercent(f.stepsStart, f.households) : null,
    completion: perHousehold ? completionPercent(f.stepsEnd, f.households) : null,
    gain: perHousehold ? gainPoints(f.stepsStart, f.stepsEnd, f.households) : null,
    signedPercent: perHousehold ? sharePercent(f.signed, f.households) : null,
    closed: f.closed,
    closedOnTime: f.closedOnTime,
    onTimeRate: onTimeRate(f.closedOnTime, f.closed),
    overdue: f.overdue,
  };
}

/** Higher first, a missing figure (null) last. */
const higherFirst = (a: number | null, b: number | null): number =>
  a === b ? 0 : a === null ? 1 : b === null ? -1 : b - a;
const lowerFirst = (a: number, b: number): number => a - b;

const COMPARATORS: Record<RankingKind, (a: RankRow, b: RankRow) => number> = {
  households: (a, b) =>
    higherFirst(a.completion, b.completion) ||
    higherFirst(a.gain, b.gain) ||
    lowerFirst(a.overdue, b.overdue) ||
    higherFirst(a.onTimeRate, b.onTimeRate),
  units: (a, b) =>
    lowerFirst(a.overdue, b.overdue) ||
    higherFirst(a.onTimeRate, b.onTimeRate) ||
    higherFirst(a.closed, b.closed),
};

/** Sorted by the kind's rule; equal figures share a rank (1, 2, 2, 4), listed by name. */
export function rank(groups: Group[], kind: RankingKind): RankRow[] {
  const compare = COMPARATORS[kind];
  const rows = groups
    .map((group) => toRow(group, kind))
    .sort((a, b) => compare(a, b) || a.name.localeCompare(b.name, 'zh-Hans-CN') || a.id.localeCompare(b.id));
  rows.forEach((row, index) => {
    row.rank = index > 0 && compare(rows[index - 1], row) === 0 ? rows[index - 1].rank : index + 1;
  });
  return rows;
}

/**
 * 末三位: the last three places, with everyone tied with the third-last; never the first place (a ranking of
 * two names only the second, and when all are tied nobody is last).
 */
export function bottomThree(rows: RankRow[]): RankRow[] {
  if (rows.length === 0) return [];
  const threshold = rows[Math.max(0, rows.length - 3)].rank;
  return rows.filter((row) => row.rank >= threshold && row.rank > 1);
}
