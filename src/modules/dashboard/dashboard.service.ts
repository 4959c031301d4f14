import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { AccessPolicy } from '../../common/policy/access-policy';
import { Actor } from '../../common/policy/actor';
import { addDays, businessDate, Clock } from '../../common/time/business-clock';
import { OrgDirectory } from '../org/org-directory';
import { DashboardSummary, summarize } from './dashboard-summary';
import { DashboardRepository, TrendRow } from './dashboard.repository';

/** 挂图作战: live figures (not a snapshot) over the caller's households, for today's business date. */
@Injectable()
export class DashboardService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dashboard: DashboardRepository,
    private readonly org: OrgDirectory,
    private readonly clock: Clock,
  ) {}

  /** The last `days` business dates up to today, every date present (zeros where nothing happened). */
  async trends(actor: Actor, days: number): Promise<{ from: string; to: string; days: TrendRow[] }> {
    const to = businessDate(this.clock.now(), this.config.businessTimeZone);
    const from = addDays(to, 1 - days);
    const rows = await this.dashboard.trends(AccessPolicy.householdScope(actor), from, to);
    const byDate = new Map(rows.map((row) => [row.date, row]));
    const series: TrendRow[] = [];
    for (let date = from; date <= to; date = addDays(date, 1)) {
      series.push(
        byDate.get(date) ?? {
          date,
          visits: 0,
          householdsVisited: 0,
          advances: 0,
          problemsOpened: 0,
          problemsClosed: 0,
        },
      );
    }
    return { from, to, days: series };
  }

  async summary(actor: Actor): Promise<DashboardSummary> {
    const now = this.clock.now();
    const date = businessDate(now, this.config.businessTimeZone);
    const scope = AccessPolicy.householdScope(actor);
    const [rows, today, units] = await Promise.all([
      this.dashboard.households(scope),
      this.dashboard.today(scope, date, now),
      this.org.all(),
    ]);
    const byId = new Map(units.map((u) => [u.id, u]));
    return summarize(
      rows,
      today,
      { name: (id) => byId.get(id)?.name ?? id, parentOf: (id) => byId.get(id)?.parentId ?? null },
      date,
      now,
    );
  }
}
