import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { JobName, jobKey, JobPayloads } from './job-catalogue';
import { JobContext, JobResult } from './job-handler';
import { JobHandlerRegistry } from './job-handler-registry';
import { jobPolicy } from './job-policy';
import { JobRunsRepository } from './job-runs.repository';
import { JobBusyError, JobNotHandledError, JobPayloadError } from './jobs.errors';

export interface ExecuteOptions {
  firedAt?: Date | null;
  rerun?: boolean;
}

/**
 * Runs one job through its handler, the same way for both drivers: claims the (name, key) record, skips it if it
 * already completed, keeps a lease while the handler runs, and records the outcome once.
 */
@Injectable()
export class JobExecutor {
  private readonly logger = new Logger(JobExecutor.name);
  private readonly leaseMs: number;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly registry: JobHandlerRegistry,
    private readonly runs: JobRunsRepository,
  ) {
    this.leaseMs = jobPolicy(config).lockMs;
  }

  /** The idempotency key, or a permanent error for a payload the catalogue rejects. */
  keyOf<N extends JobName>(name: N, payload: JobPayloads[N]): string {
    if (!this.registry.has(name)) throw new JobNotHandledError(name);
    try {
      return jobKey(name, payload);
    } catch (error) {
      throw new JobPayloadError(`job ${name}: ${(error as Error).message}`);
    }
  }

  async execute<N extends JobName>(
    name: N,
    payload: JobPayloads[N],
    options: ExecuteOptions = {},
  ): Promise<JobResult> {
    const key = this.keyOf(name, payload);
    const handler = this.registry.get(name)!;
    const rerun = options.rerun ?? false;
    const claim = await this.runs.claim(name, key, { now: new Date(), leaseMs: this.leaseMs, rerun });
    if (claim.outcome === 'completed') {
      return { status: 'skipped', detail: { reason: 'already completed', previous: claim.run.status } };
    }
    if (claim.outcome === 'busy') throw new JobBusyError(name, key);
    const { runId, attempt } = claim;
    const heartbeat = setInterval(
      () => {
        this.runs
          .extendLease(runId, attempt, new Date(Date.now() + this.leaseMs))
          .then((held) => held || this.logger.warn(`${name}:${key} attempt ${attempt} lost its lease`))
          .catch((error) => this.logger.warn(`${name}:${key} lease not extended: ${error}`));
      },
      Math.max(100, Math.floor(this.leaseMs / 3)),
    );
    heartbeat.unref();
    const context: JobContext = {
      name,
      key,
      attempt,
      firedAt: options.firedAt ?? null,
      rerun,
      isCompleted: (otherName, otherKey) => this.runs.isCompleted(otherName, otherKey),
      runStep: (stepName, stepPayload) =>
        this.execute(stepName, stepPayload, { firedAt: options.firedAt, rerun }),
    };
    try {
      const result = await handler.run(payload, context);
      if (result?.status !== 'done' && result?.status !== 'skipped') {
        throw new Error(
          `handler of ${name} returned ${JSON.stringify(result)}, not { status: done|skipped }`,
        );
      }
      const detail = result.detail === undefined ? null : JSON.stringify(result.detail);
      clearInterval(heartbeat);
      if (!(await this.runs.finish(runId, attempt, result.status, detail, new Date()))) {
        this.logger.warn(`${name}:${key} attempt ${attempt} finished after losing its lease; not recorded`);
      }
      return result;
    } catch (error) {
      clearInterval(heartbeat);
      const message = error instanceof Error ? error.message : String(error);
      await this.runs
        .fail(runId, attempt, message, new Date())
        .catch((recordError) => this.logger.error(`${name}:${key} failure not recorded: ${recordError}`));
      throw error;
    }
  }
}
