import type { HouseholdScope } from '../../common/policy/access-policy';
import type { WeeklyBulletinBody } from './bulletin-builder';
import type { RankRow } from './bulletin-metrics';

/**
 * Drill-down of the weekly bulletin (issue #15): the households or problems behind one of its numbers, from one
 * row per household and per problem computed with the bulletin's own SQL (bulletin-cells.repository.ts), so a
 * list's length is the number. Pure: unit-tested.
 */

/** The rows of the rankings, by the kind of group they rank; the name is how the bulletin calls the ranking. */
export const GROUP_KINDS = {
  taskForce: '专班',
  township: '乡镇',
  village: '村',
  unit: '单位',
  cadre: '包户干部',
} as const;
export type GroupKind = keyof typeof GROUP_KINDS;
export const GROUP_KIND_IDS = Object.keys(GROUP_KINDS) as GroupKind[];

export const RANKING_OF: Record<GroupKind, keyof WeeklyBulletinBody['rankings']> = {
  taskForce: 'taskForces',
  township: 'townships',
  village: 'villages',
  unit: 'units',
  cadre: 'cadres',
};

export const BULLETIN_CELL_METRICS = [
  'households',
  'signed',
  'progressed',
  'closed',
  'closedOnTime',
  'overdue',
  'overdueProblems',
  'overdueVisits',
  'supervised',
] as const;
export type BulletinCellMetric = (typeof BULLETIN_CELL_METRICS)[number];

const HOUSEHOLD_ROW: readonly BulletinCellMetric[] = [
  'households',
  'signed',
  'progressed',
  'closed',
  'closedOnTime',
  'overdue',
];

/** The numbers each place of the bulletin opens: its totals, a household ranking's rows, the units' rows. */
export const METRICS_IN: Record<GroupKind | 'totals', readonly BulletinCellMetric[]> = {
  totals: [
    'households',
    'signed',
    'progressed',
    'closed',
    'closedOnTime',
    'overdueProblems',
    'overdueVisits',
    'supervised',
  ],
  taskForce: HOUSEHOLD_ROW,
  township: HOUSEHOLD_ROW,
  village: HOUSEHOLD_ROW,
  cadre: HOUSEHOLD_ROW,
  unit: ['closed', 'closedOnTime', 'overdue'],
};

export type BulletinItemKind = 'household' | 'problem';

/** A cadre's 超期数 is their households overdue for a visit; everyone else's is overdue problems. */
export function itemKindOf(metric: BulletinCellMetric, groupKind?: GroupKind): BulletinItemKind {
  switch (metric) {
    case 'households':
    case 'signed':
    case 'progressed':
    case 'overdueVisits':
      return 'household';
    case 'overdue':
      return groupKind === 'cadre' ? 'household' : 'problem';
    default:
      return 'problem';
  }
}

/** Where a household or problem was counted: the groups the bulletin put it in. */
interface Groups {
  villageId: string | null;
  townshipId: string | null;
  taskForceId: string | null;
  cadreId: string | null;
}

/** A household of the bulletin (registered before week end): its groups then and what it counts for. */
export interface WeekHousehold extends Groups {
  id: string;
  /** today's code (codes have no past): lists are in code order, and officials see households by code */
  code: string;
  signed: boolean;
  /** its stage step at week end is above the one at week start */
  progressed: boolean;
  overdueForVisit: boolean;
}

/** A problem of the bulletin: village and township its own, task force and cadre its household's then. */
export interface WeekProblem extends Groups {
  id: string;
  householdId: string | null;
  householdCode: string | null;
  unitId: string | null;
  category: string;
  severity: string;
  status: string;
  dueAt: Date;
  closedAt: Date | null;
  closed: boolean;
  closedOnTime: boolean;
  overdue: boolean;
}

/** The rows a week's lists are cut from, each list in household-code order (the supervised in the bulletin's). */
export interface BulletinWeek {
  households: WeekHousehold[];
  /** those closed in the week or active at its end */
  problems: WeekProblem[];
  supervised: WeekProblem[];
}

export type WeekItem = WeekHousehold | WeekProblem;

export interface BulletinCell {
  metric: BulletinCellMetric;
  groupKind?: GroupKind;
  groupId?: string;
}

const byCode = (a: string | null, b: string | null) =>
  a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1;

/** The rows in the order the lists give them: by household code, then id; problems of no household last. */
export function indexWeek(week: BulletinWeek): BulletinWeek {
  const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  return {
    households: [...week.households].sort((a, b) => byCode(a.code, b.code) || byId(a, b)),
    problems: [...week.problems].sort((a, b) => byCode(a.householdCode, b.householdCode) || byId(a, b)),
    supervised: week.supervised,
  };
}

/** The bulletin's row a cell opens; undefined for the totals or a row the ranking does not have. */
export function rowOf(
  bulletin: WeeklyBulletinBody,
  groupKind: GroupKind,
  groupId: string,
): RankRow | undefined {
  return bulletin.rankings[RANKING_OF[groupKind]].rows.find((row) => row.id === groupId);
}

const GROUP_KEY: Record<GroupKind, keyof Groups | 'unitId'> = {
  taskForce: 'taskForceId',
  township: 'townshipId',
  village: 'villageId',
  unit: 'unitId',
  cadre: 'cadreId',
};

/**
 * The list behind one number: households or problems of the row (as bulletin-builder.ts groups them) with the
 * metric's flag. Rows exist only for groups with households (units: with problems), which the caller checks
 * against the stored bulletin (rowOf), so a row's list is the problems the bulletin added to it.
 */
export function cellList(week: BulletinWeek, cell: BulletinCell): WeekItem[] {
  const { metric, groupKind, groupId } = cell;
  const inRow = (item: Groups & { unitId?: string | null }) =>
    groupKind === undefined || item[GROUP_KEY[groupKind]] === groupId;
  const households = (flag: (h: WeekHousehold) => boolean) =>
    week.households.filter((h) => inRow(h) && flag(h));
  const problems = (flag: (p: WeekProblem) => boolean) => week.problems.filter((p) => inRow(p) && flag(p));
  switch (metric) {
    case 'households':
      return groupKind === undefined ? week.households : households(() => true);
    case 'signed':
      return households((h) => h.signed);
    case 'progressed':
      return households((h) => h.progressed);
    case 'overdueVisits':
      return households((h) => h.overdueForVisit);
    case 'closed':
      return problems((p) => p.closed);
    case 'closedOnTime':
      return problems((p) => p.closedOnTime);
    case 'overdueProblems':
      return problems((p) => p.overdue);
    case 'overdue':
      return groupKind === 'cadre' ? households((h) => h.overdueForVisit) : problems((p) => p.overdue);
    case 'supervised':
      return week.supervised.filter(inRow);
  }
}

/**
 * The caller's part of a list: households (and their problems) they see today, by code; a problem of no
 * household by its village or township, as officials see problems. `visibleCodes` null: everything.
 */
export function seenBy(scope: HouseholdScope, visibleCodes: Set<string> | null): (item: WeekItem) => boolean {
  if (visibleCodes === null) return () => true;
  return (item) => {
    const code = 'code' in item ? item.code : item.householdCode;
    if (code !== null) return visibleCodes.has(code);
    return (
      scope.kind === 'org' && (item.villageId === scope.orgUnitId || item.townshipId === scope.orgUnitId)
    );
  };
}
