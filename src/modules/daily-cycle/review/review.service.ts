import { Injectable } from '@nestjs/common';
import { Clock, isValidDateString } from '../../../common/time/business-clock';
import { TransactionRunner } from '../../../database/transaction-runner';
import { HouseholdDerived } from '../../households/household-derived.service';
import { ReportErrors } from '../reports/reports.errors';
import { DAILY_REVIEWS, SnapshotStore } from '../snapshot-store';
import { SupervisionService } from '../supervision/supervision.service';

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
    private readonly derived: HouseholdDerived,
    private readonly supervision: SupervisionService,
    private readonly snapshots: SnapshotStore,
    private readonly transactions: TransactionRunner,
    private readonly clock: Clock,
  ) {}

  async run(date: string): Promise<{ status: 'done' | 'skipped'; review: ReviewBody }> {
    if (!isValidDateString(date)) throw ReportErrors.badDate();
    const { status, body } = await this.snapshots.storeOnce(
      DAILY_REVIEWS,
      date,
      async (): Promise<ReviewBody> => {
        const now = this.clock.now();
        const { households, changed, lights, reasons } = await this.derived.recomputeLights(now);
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
      },
    );
    return { status, review: body };
  }

  /** SQLite keeps no planner statistics by itself; the nightly review is a quiet moment to refresh them. */
  private async refreshStatistics(): Promise<void> {
    if (this.transactions.isPostgres) return; // autovacuum analyzes PostgreSQL
    await this.transactions.run((manager) => manager.query('PRAGMA optimize'));
  }
}
