import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { businessDate, Clock, isValidDateString } from '../../common/time/business-clock';
import { DAILY_CYCLE_STEPS, JobName } from '../../jobs/job-catalogue';
import { TransactionRunner } from '../../database/transaction-runner';
import { OutboxService } from '../../jobs/outbox.service';
import { JobRunsService } from '../../jobs/job-runs.service';
import { ReportErrors } from './reports/reports.errors';

export interface CycleStepView {
  name: string;
  status: string;
  attempts: number;
  startedAt: string | null;
  finishedAt: string | null;
  error: string | null;
  detail: unknown;
}

/** 日汇报、日梳理、日调度 for one date: run on demand, and its three steps' status. */
@Injectable()
export class CycleService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly outbox: OutboxService,
    private readonly transactions: TransactionRunner,
    private readonly runs: JobRunsService,
    private readonly clock: Clock,
  ) {}

  private check(date: string): void {
    if (!isValidDateString(date)) throw ReportErrors.badDate();
    if (date > businessDate(this.clock.now(), this.config.businessTimeZone)) throw ReportErrors.future();
  }

  /**
   * Queues the chain through the outbox, so the request succeeds even while Redis is down; a date that
   * already ran is not run again (the steps are keyed by date).
   */
  async run(date: string): Promise<{ date: string; jobs: CycleStepView[] }> {
    this.check(date);
    await this.transactions.run((manager) => this.outbox.add(manager, JobName.DailyCycle, { date }));
    return { date, jobs: await this.steps(date) };
  }

  async status(date: string): Promise<{ date: string; cycle: CycleStepView | null; jobs: CycleStepView[] }> {
    if (!isValidDateString(date)) throw ReportErrors.badDate();
    const [cycle] = await this.runs.getMany(JobName.DailyCycle, [date]);
    return { date, cycle: cycle ? this.view(cycle.name, cycle) : null, jobs: await this.steps(date) };
  }

  private async steps(date: string): Promise<CycleStepView[]> {
    const views: CycleStepView[] = [];
    for (const step of DAILY_CYCLE_STEPS) {
      const [run] = await this.runs.getMany(step, [date]);
      views.push(this.view(step, run ?? null));
    }
    return views;
  }

  private view(name: string, run: Awaited<ReturnType<JobRunsService['get']>>): CycleStepView {
    return {
      name,
      status: run?.status ?? 'pending',
      attempts: run?.attempts ?? 0,
      startedAt: run?.startedAt?.toISOString() ?? null,
      finishedAt: run?.finishedAt?.toISOString() ?? null,
      error: run?.error ?? null,
      detail: run?.detail ?? null,
    };
  }
}
