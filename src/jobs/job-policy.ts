import { AppConfig } from '../config/app-config';

/**
 * Retry, retention, concurrency and lease: the one place both drivers take them from.
 * Retries back off exponentially: backoffMs, 2×, 4×, … (BullMQ's 'exponential' backoff, same numbers inline).
 */
export interface JobPolicy {
  attempts: number;
  backoffMs: number;
  concurrency: number;
  /** BullMQ lock duration and the job_runs lease: how long a silent worker keeps its job. */
  lockMs: number;
  /** Completed jobs kept in Redis: the last 1000, at most 7 days. Failed ones: the last 5000, 30 days. */
  removeOnComplete: { count: number; age: number };
  removeOnFail: { count: number; age: number };
}

export function jobPolicy(config: AppConfig): JobPolicy {
  return {
    attempts: config.jobs.attempts,
    backoffMs: config.jobs.backoffMs,
    concurrency: config.jobs.concurrency,
    lockMs: config.jobs.lockMs,
    removeOnComplete: { count: 1000, age: 7 * 24 * 3600 },
    removeOnFail: { count: 5000, age: 30 * 24 * 3600 },
  };
}

/** The wait before attempt `attempt + 1` after attempt `attempt` failed (attempt counts from 1). */
export function retryDelayMs(policy: JobPolicy, attempt: number): number {
  return policy.backoffMs * 2 ** (attempt - 1);
}
