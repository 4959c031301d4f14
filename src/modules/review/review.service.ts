import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { Clock, isValidDateString } from '../../common/time/business-clock';
import { TransactionRunner } from '../../database/transaction-runner';
import { computeLight, LightFacts } from '../lights/lights';
import { ReportErrors } from '../reports/reports.errors';
import { SnapshotStore } from '../reports/snapshot-store';
import { SupervisionService } from '../supervision/supervision.service';
import { ReviewRepository } from './review.repository';

const BATCH = 5000;

export interface ReviewBody {
  date: string;
  generatedAt: string;
  households: number;
  lightsChanged: number;
  lights: Record<string, number>;
  reasons: Record<string, number>;
  overdue: { visits: number; problems: number; stalled: number; approvals: number };
}

/** 日梳理: recompute every light, then record what is overdue or stalled (the list itself is live). */
@Injectable()
export class ReviewService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly reviews: ReviewRepository,
    private readonly supervision: SupervisionService,
    private readonly snapshots: SnapshotStore,
    private readonly transactions: TransactionRunner,
    private readonly clock: Clock,
  ) {}

  async run(date: string): Promise<{ status: 'done' | 'skipped'; review: ReviewBody }> {
    if (!isValidDateString(date)) throw ReportErrors.badDate();
    const { status, body } = await this.snapshots.storeOnce('review', date, async (): Promise<ReviewBody> => {
      const now = this.clock.now();
      const { households, changed, lights, reasons } = await this.recomputeLights(now);
      await this.refreshStatistics();
      return {
        date,
        generatedAt: now.toISOString(),
        households,
        lightsChanged: changed,
        lights,
        reasons,
        overdue: await this.supervision.counts(now),
      };
    });
    return { status, review: body };
  }

  /** SQLite keeps no planner statistics by itself; the nightly review is a quiet moment to refresh them. */
  private async refreshStatistics(): Promise<void> {
    if (this.transactions.isPostgres) return; // autovacuum analyzes PostgreSQL
    await this.transactions.run((manager) => manager.query('PRAGMA optimize'));
  }

  /** Every household's light as of `now`; idempotent, so a crash halfway is repaired by running again. */
  async recomputeLights(now: Date) {
    const problems = await this.reviews.problemCounts(now);
    const lights: Record<string, number> = { green: 0, yellow: 0, red: 0 };
    const reasons: Record<string, number> = {};
    let households = 0;
    let changed = 0;
    let after: string | null = null;
    for (;;) {
      const page = await this.reviews.page(after, BATCH);
      if (page.length === 0) break;
      const groups = new Map<string, string[]>();
      for (const h of page) {
        const counts = problems.get(h.id) ?? { overdue: 0, p1: 0 };
        // The facts by name, not `{ ...h }`: spreading a hydrated entity (every column a field) per household
        // made most of the review's garbage (bench/README.md, "Daily cycle").
        const facts: LightFacts = {
          stage: h.stage,
          onHold: h.onHold,
          createdAt: h.createdAt,
          stageChangedAt: h.stageChangedAt,
          lastVisitAt: h.lastVisitAt,
          overdueProblems: counts.overdue,
          openP1Problems: counts.p1,
        };
        const result = computeLight(facts, now, this.config.lights);
        lights[result.light] += 1;
        for (const reason of result.reasons) reasons[reason] = (reasons[reason] ?? 0) + 1;
        const serialized = JSON.stringify(result.reasons);
        if (result.light !== h.light || serialized !== h.lightReasons) {
          const key = JSON.stringify([result.light, serialized]);
          const ids = groups.get(key);
          if (ids) ids.push(h.id);
          else groups.set(key, [h.id]);
          changed += 1;
        }
      }
      if (groups.size) await this.transactions.run((manager) => this.reviews.saveLights(manager, groups));
      households += page.length;
      after = page[page.length - 1].id;
    }
    return { households, changed, lights, reasons };
  }
}
