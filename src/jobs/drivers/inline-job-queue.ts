import { Logger, OnModuleDestroy } from '@nestjs/common';
import { CronExpressionParser } from 'cron-parser';
import { canBeScheduled, JobName, JobPayloads, scheduledPayload } from '../job-catalogue';
import { ExecuteOptions } from '../job-executor';
import { logicalJobId, rerunJobId } from '../job-ids';
import { retryDelayMs } from '../job-policy';
import { EnqueuedJob, JobToEnqueue, ScheduleDefinition } from '../job-queue';
import { DrivenJobQueue } from './driven-job-queue';
import { isPermanentJobError } from '../jobs.errors';

// setTimeout takes at most 2^31-1 ms (24.8 days); longer waits re-arm.
const MAX_TIMER_MS = 2 ** 31 - 1;

/** The next fire time after `after`, as BullMQ computes it (cron-parser for patterns, aligned intervals). */
export function nextFireTime(definition: ScheduleDefinition, after: number, defaultTz: string): number {
  if (definition.pattern) {
    return CronExpressionParser.parse(definition.pattern, {
      currentDate: new Date(after),
      tz: definition.tz ?? defaultTz,
    })
      .next()
      .getTime();
  }
  const every = definition.every!;
  return Math.floor(after / every) * every + every;
}

/**
 * In-process driver (no REDIS_URL, the embedded default): the same executor and job_runs records, retries with
 * the same backoff, schedules on timers. One process only; jobs pending in memory die with it, which is why the
 * outbox marks a row sent only once its job has run here.
 */
export class InlineJobQueue extends DrivenJobQueue implements OnModuleDestroy {
  readonly driver = 'inline';
  private readonly logger = new Logger('InlineJobQueue');
  private readonly pending = new Map<string, Promise<boolean>>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly sleeping = new Set<{ timer: NodeJS.Timeout; wake: () => void }>();
  private readonly slotWaiters: (() => void)[] = [];
  private active = 0;
  private closed = false;

  async enqueueMany(jobs: JobToEnqueue[]): Promise<EnqueuedJob[]> {
    if (this.closed) throw new Error('the job queue is shutting down');
    const now = new Date();
    const prepared = jobs.map(({ name, payload, options = {} }) => {
      const key = this.executor.keyOf(name, payload);
      const id = logicalJobId(name, key, options.jobId);
      return { name, payload, options, key, id: options.rerun ? rerunJobId(id, now) : id };
    });
    await this.runs.ensureQueued(prepared, now);
    return prepared.map(({ name, payload, options, key, id }) => {
      // Same id while queued or running: queued once, as BullMQ does with a job id already in Redis.
      let settled = this.pending.get(id);
      if (!settled) {
        settled = this.runWithRetries(name, payload, { rerun: options.rerun ?? false }, options.delayMs ?? 0);
        this.pending.set(id, settled);
        const forget = () => this.pending.delete(id);
        settled.then(forget, forget);
      }
      return { id, name, key, settled };
    });
  }

  async schedule(definition: ScheduleDefinition): Promise<void> {
    if (!canBeScheduled(definition.name)) throw new Error(`job ${definition.name} cannot be scheduled`);
    if (this.closed) return;
    this.clearTimer(definition.id);
    this.arm(definition, nextFireTime(definition, Date.now(), this.config.businessTimeZone));
  }

  async unschedule(id: string): Promise<void> {
    this.clearTimer(id);
  }

  private arm(definition: ScheduleDefinition, fireAt: number): void {
    const timer = setTimeout(
      () => {
        if (this.closed) return;
        if (Date.now() < fireAt) return this.arm(definition, fireAt); // a wait longer than one timer
        const firedAt = new Date(fireAt);
        const payload = scheduledPayload(definition.name, firedAt, this.config.businessTimeZone);
        this.arm(definition, nextFireTime(definition, fireAt, this.config.businessTimeZone));
        void this.runWithRetries(definition.name, payload, { firedAt }, 0);
      },
      Math.min(Math.max(fireAt - Date.now(), 0), MAX_TIMER_MS),
    );
    timer.unref();
    this.timers.set(definition.id, timer);
  }

  private clearTimer(id: string): void {
    const timer = this.timers.get(id);
    if (timer) clearTimeout(timer);
    this.timers.delete(id);
  }

  /**
   * Runs a job with the policy's attempts and backoff. Never rejects: failures end up in job_runs. Resolves
   * true when the job ran (or used its last attempt), false when shutdown dropped it.
   */
  private async runWithRetries<N extends JobName>(
    name: N,
    payload: JobPayloads[N],
    options: ExecuteOptions,
    delayMs: number,
  ): Promise<boolean> {
    if (delayMs > 0) await this.sleep(delayMs);
    for (let attempt = 1; !this.closed; attempt++) {
      await this.takeSlot();
      try {
        if (this.closed) return false;
        await this.executor.execute(name, payload, options);
        return true;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        if (isPermanentJobError(error) || attempt >= this.policy.attempts) {
          this.logger.error(`job ${name} failed after ${attempt} attempt(s): ${message}`);
          return true;
        }
        this.logger.warn(`job ${name} attempt ${attempt} failed, retrying: ${message}`);
      } finally {
        this.releaseSlot();
      }
      await this.sleep(retryDelayMs(this.policy, attempt));
    }
    return false;
  }

  private async takeSlot(): Promise<void> {
    while (this.active >= this.policy.concurrency) {
      await new Promise<void>((resolve) => this.slotWaiters.push(resolve));
    }
    this.active++;
  }

  private releaseSlot(): void {
    this.active--;
    this.slotWaiters.shift()?.();
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const entry = {
        timer: setTimeout(() => {
          this.sleeping.delete(entry);
          resolve();
        }, ms),
        wake: resolve,
      };
      entry.timer.unref();
      this.sleeping.add(entry);
    });
  }

  /** Stops the timers and waits for the jobs running now; queued ones are dropped (their outbox rows stay unsent). */
  async onModuleDestroy(): Promise<void> {
    this.closed = true;
    for (const id of [...this.timers.keys()]) this.clearTimer(id);
    for (const entry of this.sleeping) {
      clearTimeout(entry.timer);
      entry.wake();
    }
    this.sleeping.clear();
    while (this.slotWaiters.length) this.slotWaiters.shift()!();
    await Promise.allSettled([...this.pending.values()]);
  }
}
