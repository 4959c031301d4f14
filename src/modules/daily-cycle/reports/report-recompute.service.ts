import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../../config/app-config';
import { addDays, asOfInstant, Clock, startOfBusinessDate } from '../../../common/time/business-clock';
import { lightCutoffs } from '../../households/lights';
import { DAILY_REPORTS, SnapshotStore } from '../snapshot-store';
import { FactRows, foldFacts, ReportWindow } from './daily-report.repository';
import { OrgNamesService } from './org-names.service';
import { PastFactsRepository } from './past-facts.repository';
import { compareReports, ReportDifference } from './report-compare';
import { ReportCheckRepository } from './report-check.repository';
import { buildDailyReport, DailyReportBody } from './report-builder';
import { ReportErrors } from './reports.errors';

/** Differences kept with a check: enough to find the cause, bounded however wrong a day went. */
const KEPT_DIFFERENCES = 200;

export interface Recomputed {
  /** The report recomputed from the events at `at`. */
  report: DailyReportBody;
  /** The instant it was computed at: the stored report's, or the end of the day (now, for today). */
  at: string;
  /** Whether a stored report was compared (none: the day's report has not run). */
  compared: boolean;
  differences: ReportDifference[];
}

export interface ReportCheckView {
  date: string;
  checkedAt: string;
  differences: number;
  detail: ReportDifference[];
}

/**
 * Recompute and compare (docs/architecture.md, "History"): a past day's report rebuilt from the events at the
 * instant the stored one was made must equal it figure for figure. A difference means a row was changed behind
 * the events' back (or a rule changed without a new metric version): the nightly check records and logs it.
 */
@Injectable()
export class ReportRecomputeService {
  private readonly logger = new Logger(ReportRecomputeService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly past: PastFactsRepository,
    private readonly names: OrgNamesService,
    private readonly snapshots: SnapshotStore,
    private readonly checks: ReportCheckRepository,
    private readonly clock: Clock,
  ) {}

  async recompute(date: string): Promise<Recomputed> {
    const now = this.clock.now();
    const end = asOfInstant(date, now, this.config.businessTimeZone);
    if (end === null) throw ReportErrors.badDate();
    if (end === 'future') throw ReportErrors.future();
    const stored = await this.snapshots.find<DailyReportBody>(DAILY_REPORTS, date);
    const at = stored ? new Date(stored.generatedAt) : end;
    const window = this.window(date);
    const report = await this.build(window, at, await this.past.rows(window, at), stored);
    return {
      report,
      at: at.toISOString(),
      compared: stored !== null,
      differences: stored ? compareReports(stored, report) : [],
    };
  }

  /** The nightly check of one date: null when the date has no stored report to compare. */
  async check(date: string): Promise<ReportCheckView | null> {
    const result = await this.recompute(date);
    if (!result.compared) return null;
    const check = {
      date,
      checkedAt: this.clock.now(),
      differences: result.differences.length,
      detail: JSON.stringify(result.differences.slice(0, KEPT_DIFFERENCES)),
    };
    await this.checks.insert(check);
    if (check.differences > 0)
      this.logger.warn(
        `daily report ${date}: ${check.differences} figure(s) differ from the events, e.g. ` +
          result.differences
            .slice(0, 3)
            .map((d) => `${d.path} stored ${d.stored} recomputed ${d.recomputed}`)
            .join('; '),
      );
    return {
      ...check,
      checkedAt: check.checkedAt.toISOString(),
      detail: result.differences.slice(0, KEPT_DIFFERENCES),
    };
  }

  async latest(limit: number): Promise<ReportCheckView[]> {
    return (await this.checks.latest(limit)).map((c) => ({
      date: c.date,
      checkedAt: c.checkedAt.toISOString(),
      differences: c.differences,
      detail: JSON.parse(c.detail) as ReportDifference[],
    }));
  }

  /** The day's window, as the report's own computation takes it (DailyReportService.compute). */
  window(date: string): ReportWindow {
    const dayEnd = startOfBusinessDate(addDays(date, 1));
    return { date, dayEnd, visitCutoff: lightCutoffs(dayEnd, this.config.lights).visitCutoff };
  }

  private async build(
    window: ReportWindow,
    at: Date,
    rows: FactRows,
    stored: DailyReportBody | null,
  ): Promise<DailyReportBody> {
    const facts = foldFacts(rows);
    const names = await this.names.load(facts.cadres.map((c) => c.cadreId));
    return buildDailyReport(
      { date: window.date, generatedAt: at, auditCheckpoint: stored?.auditCheckpoint ?? null },
      facts,
      names,
    );
  }
}
