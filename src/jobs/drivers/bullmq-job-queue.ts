import { Logger, OnModuleDestroy } from '@nestjs/common';
import { Job, JobsOptions, Queue, UnrecoverableError, Worker } from 'bullmq';
import IORedis, { RedisOptions } from 'ioredis';
import { hostname } from 'node:os';
import { AppConfig } from '../../config/app-config';
import { canBeScheduled, isJobName, JobPayloads, scheduledPayload } from '../job-catalogue';
import { JobExecutor } from '../job-executor';
import { JobResult } from '../job-handler';
import { bullJobId, fireTimeOf, logicalJobId, rerunJobId } from '../job-ids';
import { EnqueuedJob, JobToEnqueue, ScheduleDefinition } from '../job-queue';
import { DrivenJobQueue } from './driven-job-queue';
import { JobRunsRepository } from '../job-runs.repository';
import { isPermanentJobError } from '../jobs.errors';

/** All jobs share one queue; the job name picks the handler. */
export const QUEUE_NAME = 'jobs';

/** What a BullMQ job carries: the payload, or `scheduled` (the payload comes from the fire time). */
export interface QueuedJobData {
  payload?: unknown;
  rerun?: boolean;
  scheduled?: boolean;
}

const SAFE = Promise.resolve(true);
// ioredis reconnects forever; every 2 s at most so a Redis that comes back is used within seconds.
const retryStrategy = (times: number) => Math.min(times * 200, 2000);

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T | void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/**
 * BullMQ driver: one queue on Redis, workers in the processes that run them (the worker entry, or the API with
 * RUN_WORKERS=true), schedules as BullMQ job schedulers so any number of replicas fire each once.
 */
export class BullmqJobQueue extends DrivenJobQueue implements OnModuleDestroy {
  readonly driver = 'bullmq';
  readonly queue: Queue<QueuedJobData>;
  private readonly logger = new Logger('BullmqJobQueue');
  private readonly producer: IORedis;
  private workerConnection?: IORedis;
  private worker?: Worker<QueuedJobData, JobResult>;
  private readonly schedules = new Map<string, ScheduleDefinition>();
  private lastErrorLog = 0;
  private closing = false;

  constructor(config: AppConfig, executor: JobExecutor, runs: JobRunsRepository) {
    super(config, executor, runs);
    // Producer: fails fast while Redis is away (no offline queue), so the outbox keeps the rows and retries.
    this.producer = this.connect({ enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    this.producer.on('ready', () => void this.applySchedules());
    this.queue = new Queue<QueuedJobData>(QUEUE_NAME, {
      connection: this.producer,
      prefix: config.jobs.queuePrefix,
      defaultJobOptions: this.jobOptions(),
    });
    this.queue.on('error', (error) => this.logConnectionError('queue', error));
  }

  /** Retry and retention for every job, scheduled or not. */
  private jobOptions(): JobsOptions {
    return {
      attempts: this.policy.attempts,
      backoff: { type: 'exponential', delay: this.policy.backoffMs },
      removeOnComplete: this.policy.removeOnComplete,
      removeOnFail: this.policy.removeOnFail,
    };
  }

  get available(): boolean {
    return this.producer.status === 'ready';
  }

  async enqueueMany(jobs: JobToEnqueue[]): Promise<EnqueuedJob[]> {
    const now = new Date();
    const prepared = jobs.map(({ name, payload, options = {} }) => {
      const key = this.executor.keyOf(name, payload);
      const id = logicalJobId(name, key, options.jobId);
      const queuedId = options.rerun ? rerunJobId(id, now) : id;
      return {
        enqueued: { id: queuedId, name, key, settled: SAFE },
        bulk: {
          name,
          data: { payload, ...(options.rerun ? { rerun: true } : {}) },
          opts: { jobId: bullJobId(queuedId), ...(options.delayMs ? { delay: options.delayMs } : {}) },
        },
      };
    });
    if (prepared.length === 0) return [];
    if (!this.available) throw new Error(`Redis is not available (${this.producer.status})`);
    // A job id already in Redis is not added again: a re-send after a crash is harmless.
    await this.queue.addBulk(prepared.map((p) => p.bulk));
    await this.runs.ensureQueued(
      prepared.map((p) => p.enqueued),
      now,
    );
    return prepared.map((p) => p.enqueued);
  }

  async schedule(definition: ScheduleDefinition): Promise<void> {
    if (!canBeScheduled(definition.name)) throw new Error(`job ${definition.name} cannot be scheduled`);
    this.schedules.set(definition.id, definition);
    if (this.available) await this.upsert(definition);
    // Otherwise it is registered when Redis becomes ready (and again after every reconnect).
  }

  async unschedule(id: string): Promise<void> {
    this.schedules.delete(id);
    await this.queue.removeJobScheduler(id);
  }

  /** Re-registers every schedule: after a reconnect Redis may have lost them (a restart without persistence). */
  private async applySchedules(): Promise<void> {
    for (const definition of this.schedules.values()) await this.upsert(definition);
  }

  private async upsert(definition: ScheduleDefinition): Promise<void> {
    const { id, name, pattern, every } = definition;
    const tz = definition.tz ?? this.config.businessTimeZone;
    try {
      await this.queue.upsertJobScheduler(id, pattern ? { pattern, tz } : { every }, {
        name,
        data: { scheduled: true },
        opts: this.jobOptions(),
      });
    } catch (error) {
      this.logger.warn(`schedule ${id} not registered yet: ${(error as Error).message}`);
    }
  }

  /** Starts this process's worker (the worker entry, or the API with RUN_WORKERS=true). */
  startWorker(): void {
    if (this.worker) return;
    this.workerConnection = this.connect({ maxRetriesPerRequest: null });
    this.worker = new Worker<QueuedJobData, JobResult>(QUEUE_NAME, (job) => this.process(job), {
      connection: this.workerConnection,
      prefix: this.config.jobs.queuePrefix,
      concurrency: this.policy.concurrency,
      lockDuration: this.policy.lockMs,
      stalledInterval: this.policy.lockMs,
      maxStalledCount: 1,
      name: `${hostname()}:${process.pid}`,
    });
    this.worker.on('error', (error) => this.logConnectionError('worker', error));
    this.worker.on('failed', (job, error) => {
      if (job) this.logger.warn(`job ${job.id} attempt ${job.attemptsStarted} failed: ${error.message}`);
    });
    this.logger.log(
      `worker on ${this.config.jobs.queuePrefix}:${QUEUE_NAME}, concurrency ${this.policy.concurrency}`,
    );
  }

  get workerRunning(): boolean {
    return Boolean(this.worker?.isRunning());
  }

  private async process(job: Job<QueuedJobData, JobResult>): Promise<JobResult> {
    const name = job.name;
    if (!isJobName(name)) throw new UnrecoverableError(`unknown job name "${name}"`);
    try {
      if (job.data.scheduled) {
        const firedAt = fireTimeOf(job);
        const payload = scheduledPayload(name, firedAt, this.config.businessTimeZone);
        return await this.executor.execute(name, payload, { firedAt });
      }
      return await this.executor.execute(name, job.data.payload as JobPayloads[typeof name], {
        rerun: job.data.rerun ?? false,
      });
    } catch (error) {
      if (isPermanentJobError(error)) throw new UnrecoverableError((error as Error).message);
      throw error;
    }
  }

  /**
   * Graceful: the worker finishes the jobs it is running (SIGTERM → app.close() → here). With Redis unreachable
   * nothing can be finished or acknowledged: connections are dropped and the close is forced (a running job's
   * lease then expires and another worker retries it).
   */
  async onModuleDestroy(): Promise<void> {
    this.closing = true;
    const connections = [this.workerConnection, this.producer].filter((c): c is IORedis => Boolean(c));
    const reachable = connections.every((connection) => connection.status === 'ready');
    if (!reachable) for (const connection of connections) connection.disconnect();
    const close = async () => {
      await this.worker?.close(!reachable);
      await this.queue.close();
    };
    await (reachable ? close() : withTimeout(close(), 3000)).catch((error) =>
      this.logger.warn(`job queue closed uncleanly: ${(error as Error).message}`),
    );
    for (const connection of connections) {
      if (connection.status === 'ready') await connection.quit().catch(() => connection.disconnect());
      else connection.disconnect();
    }
  }

  private connect(options: RedisOptions): IORedis {
    // disconnectTimeout: a socket that never connected is not waited for 2 s at shutdown.
    const connection = new IORedis(this.config.redisUrl!, {
      retryStrategy,
      disconnectTimeout: 200,
      ...options,
    });
    connection.on('error', (error) => this.logConnectionError('connection', error));
    return connection;
  }

  private logConnectionError(source: string, error: Error): void {
    if (this.closing || Date.now() - this.lastErrorLog < 30_000) return;
    this.lastErrorLog = Date.now();
    this.logger.warn(`Redis ${source}: ${error.message}`);
  }
}
