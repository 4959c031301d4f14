import type { AuditCheckpoint } from '../../audit/audit-checkpoint-key';
import { Stage, STAGES } from '../../households/household-stages';
import type { MetricVersions } from '../metrics/metric-definitions';
import type { ReportFacts } from './daily-report.repository';
import type { ReportDifference } from './report-compare';

/** Figures the report repeats for every breakdown (village, township, task force) and for the total. */
export interface Figures {
  households: number;
  visits: number;
  householdsVisited: number;
  intentChanges: number;
  stageMoves: number;
  problemsOpened: number;
  problemsClosed: number;
  problemsOverdue: number;
}

export interface Breakdown extends Figures {
  id: string | null;
  name: string;
  stages: Record<string, number>;
}

export interface CadreRow {
  cadreId: string;
  displayName: string;
  assigned: number;
  visitedToday: number;
  overdueVisits: number;
}

export interface DailyReportBody {
  date: string;
  generatedAt: string;
  totals: Figures & { approvalsPending: number; priorityHouseholdsTouched: number };
  stages: { stage: Stage; count: number; today: number; percent: number }[];
  byVillage: Breakdown[];
  byTownship: Breakdown[];
  byTaskForce: Breakdown[];
  byCadre: CadreRow[];
  /** The audit chain's keyed checkpoint when the report ran: a copy outside the audit tables. */
  auditCheckpoint?: AuditCheckpoint | null;
  /** The metric versions it was computed with (docs/metrics.md); null: stored before versioning. */
  metricVersions?: MetricVersions | null;
  /** With ?recompute=true: this body was recomputed from the events; how it compares with the stored one. */
  recompute?: { at: string; compared: boolean; differences: ReportDifference[] };
}

/** One cell of the set-based queries: a (village, task force) pair and the figures counted for it. */
export interface Cell extends Partial<Figures> {
  villageId: string | null;
  taskForceId: string | null;
  stage?: string;
}

export const emptyFigures = (): Figures => ({
  households: 0,
  visits: 0,
  householdsVisited: 0,
  intentChanges: 0,
  stageMoves: 0,
  problemsOpened: 0,
  problemsClosed: 0,
  problemsOverdue: 0,
});

const FIGURE_KEYS = Object.keys(emptyFigures()) as (keyof Figures)[];

export function percent(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((part / whole) * 1000) / 10;
}

/**
 * Folds the query cells into breakdowns. A household is in exactly one village and one task force, so
 * distinct counts (households visited) add up across cells without double counting.
 */
export function breakdowns(
  cells: Cell[],
  keyOf: (cell: Cell) => string | null,
  nameOf: (id: string | null) => string,
): Breakdown[] {
  const groups = new Map<string | null, Breakdown>();
  for (const cell of cells) {
    const id = keyOf(cell);
    let group = groups.get(id);
    if (!group) {
      group = { id, name: nameOf(id), ...emptyFigures(), stages: {} };
      groups.set(id, group);
    }
    for (const key of FIGURE_KEYS) group[key] += cell[key] ?? 0;
    if (cell.stage && cell.households)
      group.stages[cell.stage] = (group.stages[cell.stage] ?? 0) + cell.households;
  }
  // Stages in the lifecycle's order, not in the order the database grouped the rows (it differs by driver).
  for (const group of groups.values()) group.stages = inStageOrder(group.stages);
  return [...groups.values()].sort(
    (a, b) => a.name.localeCompare(b.name, 'zh-Hans-CN') || String(a.id).localeCompare(String(b.id)),
  );
}

function inStageOrder(counts: Record<string, number>): Record<string, number> {
  const ordered: Record<string, number> = {};
  for (const stage of STAGES) if (counts[stage] !== undefined) ordered[stage] = counts[stage];
  for (const [stage, count] of Object.entries(counts)) if (!(stage in ordered)) ordered[stage] = count;
  return ordered;
}

export function totals(cells: Cell[]): Figures {
  const sum = emptyFigures();
  for (const cell of cells) for (const key of FIGURE_KEYS) sum[key] += cell[key] ?? 0;
  return sum;
}

export function stageRows(
  stageCounts: Map<string, number>,
  movesToday: Map<string, number>,
  households: number,
) {
  return STAGES.map((stage) => ({
    stage,
    count: stageCounts.get(stage) ?? 0,
    today: movesToday.get(stage) ?? 0,
    percent: percent(stageCounts.get(stage) ?? 0, households),
  }));
}

/** Names for the ids of a report (OrgNamesService.load). */
export interface ReportNames {
  unitName(id: string | null): string;
  townshipOf(villageId: string | null): string | null;
  cadreName(id: string): string;
}

/** The report from its facts: pure, so every figure it emits is unit-tested (and defined, docs/metrics.md). */
export function buildDailyReport(
  run: { date: string; generatedAt: Date; auditCheckpoint: AuditCheckpoint | null },
  facts: ReportFacts,
  names: ReportNames,
): DailyReportBody {
  const sum = totals(facts.cells);
  const stageCounts = new Map<string, number>();
  for (const cell of facts.cells) {
    if (cell.stage) stageCounts.set(cell.stage, (stageCounts.get(cell.stage) ?? 0) + (cell.households ?? 0));
  }
  return {
    date: run.date,
    generatedAt: run.generatedAt.toISOString(),
    totals: {
      ...sum,
      approvalsPending: facts.approvalsPending,
      priorityHouseholdsTouched: facts.priorityHouseholdsTouched,
    },
    stages: stageRows(stageCounts, facts.movesToday, sum.households),
    byVillage: breakdowns(facts.cells, (c) => c.villageId, names.unitName),
    byTownship: breakdowns(facts.cells, (c) => names.townshipOf(c.villageId), names.unitName),
    byTaskForce: breakdowns(facts.cells, (c) => c.taskForceId, names.unitName),
    byCadre: facts.cadres
      .map((c) => ({ ...c, displayName: names.cadreName(c.cadreId) }))
      // Namesakes in id order, not in whatever order the database grouped the rows.
      .sort(
        (a, b) =>
          a.displayName.localeCompare(b.displayName, 'zh-Hans-CN') || a.cadreId.localeCompare(b.cadreId),
      ),
    auditCheckpoint: run.auditCheckpoint,
  };
}
