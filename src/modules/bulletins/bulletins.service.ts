import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import {
  addDays,
  businessDate,
  Clock,
  isValidDateString,
  startOfBusinessDate,
} from '../../common/time/business-clock';
import { weekStartOf } from '../../jobs/job-catalogue';
import { OrgDirectory } from '../org/org-directory';
import { SnapshotStore, SnapshotTable } from '../daily-cycle/snapshot-store';
import { MetricCatalogue } from '../daily-cycle/metrics/metric-catalogue';
import { WeeklyBulletinEntity } from './entities/weekly-bulletin.entity';
import { UserDirectory } from '../users/user-directory';
import { buildBulletin, Names, WeeklyBulletinBody } from './bulletin-builder';
import { BulletinsRepository, BulletinWindow } from './bulletins.repository';
import { BulletinErrors } from './bulletins.errors';
import { lightCutoffs } from '../households/lights';

export type BulletinRunResult = { status: 'done' | 'skipped'; bulletin: WeeklyBulletinBody };

/** 周通报: computed once per week after it has ended, stored, and never changed; a second run says so. */
const WEEKLY_BULLETINS: SnapshotTable = { entity: WeeklyBulletinEntity, key: 'weekStart', versioned: true };

@Injectable()
export class BulletinsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly bulletins: BulletinsRepository,
    private readonly org: OrgDirectory,
    private readonly users: UserDirectory,
    private readonly snapshots: SnapshotStore,
    private readonly clock: Clock,
    private readonly metrics: MetricCatalogue,
  ) {}

  async generate(weekStart: string): Promise<BulletinRunResult> {
    this.checkWeekStart(weekStart);
    const { status, body } = await this.snapshots.storeOnce(
      WEEKLY_BULLETINS,
      weekStart,
      () => this.compute(weekStart),
      this.metrics.versionsOf('weekly_bulletin'),
    );
    return { status, bulletin: body };
  }

  async get(weekStart: string): Promise<WeeklyBulletinBody> {
    this.checkWeekStart(weekStart);
    const stored = await this.snapshots.find<WeeklyBulletinBody>(WEEKLY_BULLETINS, weekStart);
    if (!stored) throw BulletinErrors.notYet(weekStart);
    return stored;
  }

  /** The figures of a week that has ended, from the history up to its end (not from today's state). */
  async compute(weekStart: string): Promise<WeeklyBulletinBody> {
    const now = this.clock.now();
    const window = this.window(weekStart);
    const { lastDate, weekEnd } = window;
    if (businessDate(now, this.config.businessTimeZone) <= lastDate)
      throw BulletinErrors.weekNotOver(weekStart, lastDate);
    const facts = await this.bulletins.facts(window);
    const names = await this.names(facts.households.flatMap((c) => (c.cadreId ? [c.cadreId] : [])));
    return buildBulletin(
      { weekStart, lastDate, weekEnd, stallWeeks: this.config.stallWeeks, generatedAt: now },
      facts,
      names,
    );
  }

  /** The instants and dates a week's figures are computed over (its drill-down uses the same). */
  window(weekStart: string): BulletinWindow {
    const weekEnd = startOfBusinessDate(addDays(weekStart, 7));
    return {
      weekStart,
      lastDate: addDays(weekStart, 6),
      weekEnd,
      visitCutoff: lightCutoffs(weekEnd, this.config.lights).visitCutoff,
      stallFrom: startOfBusinessDate(addDays(weekStart, -7 * (this.config.stallWeeks - 1))),
    };
  }

  checkWeekStart(weekStart: string): void {
    if (!isValidDateString(weekStart) || weekStartOf(weekStart) !== weekStart) throw BulletinErrors.badWeek();
  }

  private async names(cadreIds: string[]): Promise<Names> {
    const units = new Map((await this.org.all()).map((u) => [u.id, u]));
    const cadres = new Map(
      (await this.users.findByIds([...new Set(cadreIds)])).map((u) => [u.id, u.displayName]),
    );
    return {
      unitName: (id) => units.get(id)?.name ?? id,
      unitKind: (id) => units.get(id)?.kind ?? null,
      cadreName: (id) => cadres.get(id) ?? id,
    };
  }
}
