import type { ReportWindow } from './daily-report.repository';
import { PastDay, PastHousehold, touchedHouseholds } from './past-facts.repository';

/**
 * Drill-down (issue #15): the things behind one figure of a stored daily report, from the same past day the
 * figure is computed from (past-facts.repository.ts), so the list's length is the figure. Pure: unit-tested.
 */

/** What one item of a cell's list is: a household, or one counted record with its household. */
export type CellItemKind = 'household' | 'visit' | 'intent' | 'stageMove' | 'problem' | 'approval';

/** The figures that open into a list, by their metric ids (metrics/metric-definitions.ts), and what they count. */
export const CELL_METRICS = {
  households: 'household',
  count: 'household',
  assigned: 'household',
  householdsVisited: 'household',
  visitedToday: 'household',
  overdueVisits: 'household',
  priorityHouseholdsTouched: 'household',
  visits: 'visit',
  intentChanges: 'intent',
  stageMoves: 'stageMove',
  today: 'stageMove',
  problemsOpened: 'problem',
  problemsClosed: 'problem',
  problemsOverdue: 'problem',
  approvalsPending: 'approval',
} as const satisfies Record<string, CellItemKind>;

export type CellMetric = keyof typeof CELL_METRICS;
export const CELL_METRIC_IDS = Object.keys(CELL_METRICS) as CellMetric[];

/** A breakdown row's id, or null for the row of things with none ("none" in the query). */
export interface CellQuery {
  metric: CellMetric;
  villageId?: string | null;
  townshipId?: string | null;
  taskForceId?: string | null;
  cadreId?: string | null;
  stage?: string;
}

/** One counted thing: its own id (the household's for household metrics) and its household, if any. */
export interface Counted {
  id: string;
  householdId: string | null;
  /** where the report grouped it: the household's place then, or a problem's own village without one */
  villageId: string | null;
  taskForceId: string | null;
  cadreId: string | null;
  stage: string | null;
}

/** A past day made ready for paging: every list in household-code order, computed once per day and kept. */
export interface IndexedDay {
  window: ReportWindow;
  households: Counted[];
  /** household id → the household as it was */
  byId: Map<string, PastHousehold>;
  visits: Counted[];
  intents: Counted[];
  moves: (Counted & { toStage: string; kind: string })[];
  problems: (Counted & { overdue: boolean; opened: boolean; closed: boolean })[];
  approvals: Counted[];
  touched: Set<string>;
  visitedHouseholds: Set<string>;
  /** households not visited since the day's visit cut-off (the cadres' overdueVisits, before the cadre rule) */
  notVisited: Set<string>;
  /** village → township, as the report grouped its township rows */
  townshipOf: (villageId: string | null) => string | null;
}

export function indexDay(
  day: PastDay,
  window: ReportWindow,
  townshipOf: (villageId: string | null) => string | null,
): IndexedDay {
  const ordered = [...day.households.values()].sort((a, b) =>
    a.code < b.code ? -1 : a.code > b.code ? 1 : a.id < b.id ? -1 : 1,
  );
  const rank = new Map(ordered.map((h, index) => [h.id, index]));
  const place = (householdId: string | null, villageId: string | null = null) => {
    const h = householdId ? day.households.get(householdId) : undefined;
    return {
      householdId,
      villageId: h?.villageId ?? villageId,
      taskForceId: h?.taskForceId ?? null,
      cadreId: h?.cadreId ?? null,
      stage: h?.stage ?? null,
    };
  };
  // Things of households that did not exist at the instant (none through the API) and those of none go last.
  const byHousehold = <T extends Counted>(things: T[]): T[] =>
    things.sort(
      (a, b) =>
        (rank.get(a.householdId ?? '') ?? Infinity) - (rank.get(b.householdId ?? '') ?? Infinity) ||
        (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
  return {
    window,
    byId: day.households,
    households: ordered.map((h) => ({ id: h.id, ...place(h.id) })),
    visits: byHousehold(day.visits.map((v) => ({ id: v.id, ...place(v.householdId) }))),
    intents: byHousehold(day.intents.map((i) => ({ id: i.id, ...place(i.householdId) }))),
    moves: byHousehold(day.moves.map((m) => ({ ...place(m.householdId), ...m }))),
    problems: byHousehold(day.problems.map((p) => ({ ...p, ...place(p.householdId, p.villageId) }))),
    approvals: byHousehold(day.pendingApprovals.map((a) => ({ id: a.id, ...place(a.householdId) }))),
    touched: touchedHouseholds(day),
    visitedHouseholds: new Set(day.visits.map((v) => v.householdId)),
    notVisited: new Set(
      ordered.filter((h) => h.lastVisitAt === null || h.lastVisitAt < window.visitCutoff).map((h) => h.id),
    ),
    townshipOf,
  };
}

/** The list behind one figure, filtered to the cell's row (village, township, task force, cadre, stage). */
export function cellList(day: IndexedDay, query: CellQuery): Counted[] {
  const { metric, stage } = query;
  const inRow = (thing: Counted) =>
    (query.villageId === undefined || thing.villageId === query.villageId) &&
    (query.taskForceId === undefined || thing.taskForceId === query.taskForceId) &&
    (query.cadreId === undefined || thing.cadreId === query.cadreId) &&
    (query.townshipId === undefined || day.townshipOf(thing.villageId) === query.townshipId);
  const atStage = (thing: Counted) => stage === undefined || thing.stage === stage;
  const unfiltered =
    stage === undefined &&
    query.villageId === undefined &&
    query.taskForceId === undefined &&
    query.cadreId === undefined &&
    query.townshipId === undefined;
  // The row first: it is the filter that drops most (a village, a cadre), and it only compares ids.
  const households = (keep: ((h: Counted) => boolean) | null) =>
    keep === null && unfiltered
      ? day.households
      : day.households.filter((h) => inRow(h) && atStage(h) && (keep === null || keep(h)));
  switch (metric) {
    case 'households':
    case 'count':
      return households(null);
    // The cadres' rows count households that have a cadre (foldFacts).
    case 'assigned':
      return households((h) => h.cadreId !== null);
    case 'visitedToday':
      return households((h) => h.cadreId !== null && day.visitedHouseholds.has(h.id));
    case 'overdueVisits':
      return households((h) => h.cadreId !== null && h.stage !== 'closed' && day.notVisited.has(h.id));
    case 'householdsVisited':
      return households((h) => day.visitedHouseholds.has(h.id));
    case 'priorityHouseholdsTouched':
      return households((h) => day.touched.has(h.id) && day.byId.get(h.id)!.priority);
    case 'visits':
      return day.visits.filter((v) => atStage(v) && inRow(v));
    case 'intentChanges':
      return day.intents.filter((i) => atStage(i) && inRow(i));
    // With a stage, the stage table's `today`: advances into it (rollbacks are not counted there).
    case 'stageMoves':
    case 'today':
      return day.moves.filter(
        (m) =>
          inRow(m) &&
          (stage === undefined
            ? metric === 'stageMoves' || m.kind === 'advance'
            : m.kind === 'advance' && m.toStage === stage),
      );
    case 'problemsOpened':
      return day.problems.filter((p) => p.opened && atStage(p) && inRow(p));
    case 'problemsClosed':
      return day.problems.filter((p) => p.closed && atStage(p) && inRow(p));
    case 'problemsOverdue':
      return day.problems.filter((p) => p.overdue && atStage(p) && inRow(p));
    case 'approvalsPending':
      return day.approvals.filter((a) => atStage(a) && inRow(a));
  }
}
