import { DiscoveryService } from '@nestjs/core';
import { JobName, JobPayloads } from './job-catalogue';

/** What a handler did: `done` (it did the work) or `skipped` (nothing to do, e.g. already there). */
export interface JobResult {
  status: 'done' | 'skipped';
  detail?: unknown;
}

/** What a handler knows about the run it is in. */
export interface JobContext {
  name: JobName;
  /** The idempotency key, e.g. the date: the run is recorded once per (name, key) in job_runs. */
  key: string;
  /** 1 for the first attempt; counts every claim of this (name, key), across workers and retries. */
  attempt: number;
  /** The instant a schedule fired this run for; null when it was enqueued by hand or by the outbox. */
  firedAt: Date | null;
  /** True when someone asked to run a key again that had already completed. */
  rerun: boolean;
  /** Has (name, key) already completed (done or skipped)? */
  isCompleted(name: JobName, key: string): Promise<boolean>;
  /** Runs another job here and now, recorded as its own run (used by the daily cycle for its steps). */
  runStep<N extends JobName>(name: N, payload: JobPayloads[N]): Promise<JobResult>;
}

/**
 * A job handler: a Nest provider (singleton) marked with @JobHandler(name) in any module of the app.
 *
 *   @JobHandler(JobName.DailyReport)
 *   export class DailyReportJob implements JobHandler<JobName.DailyReport> {
 *     async run({ date }: JobPayloads[JobName.DailyReport], context: JobContext): Promise<JobResult> { … }
 *   }
 *
 * Delivery is at least once: run() must be idempotent (keyed by date and target) and say what it did.
 * Throwing fails the attempt; the driver retries with backoff.
 */
export interface JobHandler<N extends JobName> {
  run(payload: JobPayloads[N], context: JobContext): Promise<JobResult>;
}

/** Marks a provider as the handler of one job name; found at start-up by the JobHandlerRegistry. */
export const JobHandler = DiscoveryService.createDecorator<JobName>();
