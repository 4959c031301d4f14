import type { Breakdown, DailyReportBody } from './report-builder';

/** One figure that differs between a stored report and the same day recomputed from the events. */
export interface ReportDifference {
  /** where: `totals.visits`, `stages.surveyed.count`, `byVillage.<id>.visits`, `byCadre.<id>.assigned` */
  path: string;
  stored: number | null;
  recomputed: number | null;
}

const BREAKDOWNS = ['byVillage', 'byTownship', 'byTaskForce'] as const;
const BREAKDOWN_FIGURES = [
  'households',
  'visits',
  'householdsVisited',
  'intentChanges',
  'stageMoves',
  'problemsOpened',
  'problemsClosed',
  'problemsOverdue',
] as const;

/**
 * Every figure of two reports of one date that differs (names are not figures: they are today's). Breakdown
 * rows are matched by id, a row one side lacks counts as zeros there; the result is in a fixed order.
 */
export function compareReports(stored: DailyReportBody, recomputed: DailyReportBody): ReportDifference[] {
  const differences: ReportDifference[] = [];
  const compare = (path: string, a: number | undefined, b: number | undefined) => {
    if ((a ?? 0) !== (b ?? 0)) differences.push({ path, stored: a ?? null, recomputed: b ?? null });
  };
  const totalKeys = new Set([...Object.keys(stored.totals), ...Object.keys(recomputed.totals)]);
  for (const key of [...totalKeys].sort())
    compare(`totals.${key}`, numberAt(stored.totals, key), numberAt(recomputed.totals, key));
  const stages = (report: DailyReportBody) => new Map(report.stages.map((row) => [row.stage as string, row]));
  const [storedStages, recomputedStages] = [stages(stored), stages(recomputed)];
  for (const stage of union(storedStages, recomputedStages))
    for (const key of ['count', 'today', 'percent'] as const)
      compare(`stages.${stage}.${key}`, storedStages.get(stage)?.[key], recomputedStages.get(stage)?.[key]);
  for (const name of BREAKDOWNS) {
    const byId = (rows: Breakdown[]) => new Map(rows.map((row) => [String(row.id), row]));
    const [a, b] = [byId(stored[name]), byId(recomputed[name])];
    for (const id of union(a, b)) {
      for (const key of BREAKDOWN_FIGURES)
        compare(`${name}.${id}.${key}`, a.get(id)?.[key], b.get(id)?.[key]);
      const stageKeys = new Set([
        ...Object.keys(a.get(id)?.stages ?? {}),
        ...Object.keys(b.get(id)?.stages ?? {}),
      ]);
      for (const stage of [...stageKeys].sort())
        compare(`${name}.${id}.stages.${stage}`, a.get(id)?.stages[stage], b.get(id)?.stages[stage]);
    }
  }
  const cadres = (report: DailyReportBody) => new Map(report.byCadre.map((row) => [row.cadreId, row]));
  const [storedCadres, recomputedCadres] = [cadres(stored), cadres(recomputed)];
  for (const id of union(storedCadres, recomputedCadres))
    for (const key of ['assigned', 'visitedToday', 'overdueVisits'] as const)
      compare(`byCadre.${id}.${key}`, storedCadres.get(id)?.[key], recomputedCadres.get(id)?.[key]);
  return differences;
}

function numberAt(record: object, key: string): number | undefined {
  const value = (record as Record<string, unknown>)[key];
  return typeof value === 'number' ? value : undefined;
}

function union<V>(a: Map<string, V>, b: Map<string, V>): string[] {
  return [...new Set([...a.keys(), ...b.keys()])].sort();
}
