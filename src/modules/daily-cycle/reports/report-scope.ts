import { DailyReportBody } from './report-builder';

/** The rows of a daily report an official may read: their own township's (or village's), never another's. */
export interface ReportScope {
  villageIds: Set<string>;
  townshipIds: Set<string>;
  cadreIds: Set<string>;
}

/**
 * The report as an official reads it. The whole project's totals and stage counts stay (they name nobody);
 * the breakdowns keep only the official's own villages, township and the cadres working there. Task forces
 * cross townships, so their rows are left out.
 */
export function scopeReport(body: DailyReportBody, scope: ReportScope): DailyReportBody {
  return {
    ...body,
    byVillage: body.byVillage.filter((row) => row.id !== null && scope.villageIds.has(row.id)),
    byTownship: body.byTownship.filter((row) => row.id !== null && scope.townshipIds.has(row.id)),
    byTaskForce: [],
    byCadre: body.byCadre.filter((row) => scope.cadreIds.has(row.cadreId)),
  };
}
