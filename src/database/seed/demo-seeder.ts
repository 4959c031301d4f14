import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { addDays, businessDate, Clock, HOUR_MS, startOfBusinessDate } from '../../common/time/business-clock';
import { AuditSealerService } from '../../modules/audit/audit-sealer.service';
import { OrgDirectory } from '../../modules/org/org-directory';
import { UserDirectory } from '../../modules/users/user-directory';
import { PlanningService } from '../../modules/planning/planning.service';
import { DemoHistory } from './demo-history';
import { LEDGER_DAYS_AGO } from './demo-plan';
import { DEMO_PASSWORD, DemoSetup } from './demo-setup';

export { DEMO_PASSWORD };

/** Who can sign in to the demo, as the start summary lists them. */
export const DEMO_LOGINS = ['commander', 'supervisor', 'official', 'handler', 'cadre01…cadre12'];

const SEED = 20261128;

/**
 * Demo data for a newcomer, on an empty database: 矮寨镇 with five villages, task forces, units, 12 cadres and
 * 300 households registered five weeks ago, then three weeks of the campaign replayed through the real services
 * (demo-history.ts), so every page of the console has something true to show. Deterministic for a given "now".
 */
@Injectable()
export class DemoSeeder {
  private readonly logger = new Logger('DemoSeeder');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly org: OrgDirectory,
    private readonly users: UserDirectory,
    private readonly setup: DemoSetup,
    private readonly history: DemoHistory,
    private readonly sealer: AuditSealerService,
    private readonly clock: Clock,
    private readonly planning: PlanningService,
  ) {}

  /** Seeds an empty database; either way says whether the demo's people are there to sign in. */
  async seedIfEmpty(): Promise<{ seeded: boolean; demoLogins: boolean }> {
    if ((await this.org.count()) > 0) {
      return { seeded: false, demoLogins: !!(await this.users.findByUsername('commander')) };
    }
    const started = Date.now();
    const now = this.clock.now();
    const today = businessDate(now, this.config.businessTimeZone);
    const ledgerDay = new Date(startOfBusinessDate(addDays(today, -LEDGER_DAYS_AGO)).getTime() + 9 * HOUR_MS);
    const world = await Clock.at(ledgerDay, () => this.setup.create());
    const summary = await this.history.replay(world, today, now, SEED);
    // 搬迁节点: the command centre has fixed the move of the first two villages, so the plan has something to
    // show (and, at the campaign's pace, households at risk); the other three are not scheduled yet.
    for (const [index, days] of [75, 105].entries()) {
      await this.planning.setMoveDate(world.commander, world.villageIds[index], {
        date: addDays(today, days),
        reason: '指挥部会议确定搬迁节点',
      });
    }
    await this.sealer.sealPending(); // its checkpoint goes to the log before the start summary
    this.logger.log(
      `Demo data: 5 villages, ${world.cadres.length} cadres, ${world.households.length} households, ` +
        `${summary.days} days of work (${summary.problems} problems, ${summary.bulletins.length} weekly bulletins) ` +
        `in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    return { seeded: true, demoLogins: true };
  }
}
