import { JobName, JobPayloads } from './job-catalogue';

export interface EnqueueOptions {
  /** Overrides the deterministic id (`name:key`); jobs with the same id are queued once. */
  jobId?: string;
  delayMs?: number;
  /** Run (name, key) again even if it already completed; the handler sees context.rerun. */
  rerun?: boolean;
}

export interface JobToEnqueue<N extends JobName = JobName> {
  name: N;
  payload: JobPayloads[N];
  options?: EnqueueOptions;
}

export interface EnqueuedJob {
  /** The deterministic id, e.g. `report:2026-11-25`. */
  id: string;
  name: JobName;
  key: string;
  /**
   * true once the job can no longer be lost: at once for BullMQ (it is in Redis), after the run (or its last
   * attempt) for the inline driver; false if this process dropped it (shutdown). The outbox marks a row sent on true.
   */
  settled: Promise<boolean>;
}

/** A repeating run of one job; the payload of each run comes from its fire time (catalogue). */
export interface ScheduleDefinition {
  /** Stable id: every replica registering the same id makes one schedule. */
  id: string;
  name: JobName;
  /** Cron pattern (5 fields, or 6 with seconds), evaluated in `tz`. */
  pattern?: string;
  /** Or a fixed interval in ms. */
  every?: number;
  tz?: string;
}

/**
 * The one way to run jobs. BullMQ on Redis when REDIS_URL is set, in-process otherwise; same handlers, same
 * job_runs records, same idempotency. Writers inside a transaction use OutboxService instead of enqueue().
 */
export abstract class JobQueue {
  abstract readonly driver: 'bullmq' | 'inline';

  abstract enqueue<N extends JobName>(
    name: N,
    payload: JobPayloads[N],
    options?: EnqueueOptions,
  ): Promise<EnqueuedJob>;

  /** Enqueues in order; all or, on failure, an error (some may have been queued: ids make a resend harmless). */
  abstract enqueueMany(jobs: JobToEnqueue[]): Promise<EnqueuedJob[]>;

  /** Registers (or updates) a schedule. Idempotent across processes. */
  abstract schedule(definition: ScheduleDefinition): Promise<void>;

  abstract unschedule(id: string): Promise<void>;
}
