import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../../config/app-config';
import { AccessPolicy } from '../../../common/policy/access-policy';
import { Actor } from '../../../common/policy/actor';
import {
  addDays,
  businessDate,
  Clock,
  isValidDateString,
  startOfBusinessDate,
} from '../../../common/time/business-clock';
import { AuditSealerService } from '../../audit/audit-sealer.service';
import { DailyReportRepository } from './daily-report.repository';
import { scopeReport } from './report-scope';
import { OrgNamesService } from './org-names.service';
import { buildDailyReport, DailyReportBody } from './report-builder';
import { ReportErrors } from './reports.errors';
import { DAILY_REPORTS, SnapshotStore } from '../snapshot-store';
import { MetricCatalogue } from '../metrics/metric-catalogue';
import { lightCutoffs } from '../../households/lights';

const EMPTY_SCOPE = {
  villageIds: new Set<string>(),
  townshipIds: new Set<string>(),
  cadreIds: new Set<string>(),
};

export type GenerateResult = { status: 'done' | 'skipped'; report: DailyReportBody };

/** 日汇报: computed once per business date and stored; running it again replaces nothing and says so. */
@Injectable()
export class DailyReportService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly reports: DailyReportRepository,
    private readonly names: OrgNamesService,
    private readonly snapshots: SnapshotStore,
    private readonly clock: Clock,
    private readonly auditSealer: AuditSealerService,
    private readonly metrics: MetricCatalogue,
  ) {}

  async generate(date: string): Promise<GenerateResult> {
    if (!isValidDateString(date)) throw ReportErrors.badDate();
    const { status, body } = await this.snapshots.storeOnce(
      DAILY_REPORTS,
      date,
      () => this.compute(date),
      this.metrics.versionsOf('daily_report'),
    );
    return { status, report: body };
  }

  async get(date: string): Promise<DailyReportBody> {
    if (!isValidDateString(date)) throw ReportErrors.badDate();
    const stored = await this.snapshots.find<DailyReportBody>(DAILY_REPORTS, date);
    if (!stored) throw ReportErrors.notYet(date);
    return stored;
  }

  /** The stored report as this actor may read it: an official sees only their own township's rows. */
  async getFor(actor: Actor, date: string): Promise<DailyReportBody> {
    const body = await this.get(date);
    const scope = AccessPolicy.householdScope(actor);
    if (scope.kind === 'all') return body;
    if (scope.kind !== 'org') return scopeReport(body, EMPTY_SCOPE);
    const units = (await this.names.load()).units;
    const own = units.find((unit) => unit.id === scope.orgUnitId);
    const villageIds = new Set(
      units
        .filter(
          (unit) =>
            unit.kind === 'village' && (unit.id === scope.orgUnitId || unit.parentId === scope.orgUnitId),
        )
        .map((unit) => unit.id),
    );
    return scopeReport(body, {
      villageIds,
      townshipIds: new Set(own?.kind === 'township' ? [own.id] : []),
      cadreIds: new Set(await this.reports.cadresIn(scope.orgUnitId)),
    });
  }

  /** The figures as of now for that business date (stages are cumulative as of the run). */
  async compute(date: string): Promise<DailyReportBody> {
    const now = this.clock.now();
    if (date > businessDate(now, this.config.businessTimeZone)) throw ReportErrors.future();
    const dayEnd = startOfBusinessDate(addDays(date, 1));
    const { visitCutoff } = lightCutoffs(dayEnd, this.config.lights);
    const facts = await this.reports.facts({ date, dayEnd, visitCutoff });
    const names = await this.names.load(facts.cadres.map((c) => c.cadreId));
    const auditCheckpoint = await this.auditSealer.checkpointNow();
    return buildDailyReport({ date, generatedAt: now, auditCheckpoint }, facts, names);
  }
}
