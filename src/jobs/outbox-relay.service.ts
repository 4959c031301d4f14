import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  DataSource,
  EntitySubscriberInterface,
  TransactionCommitEvent,
  TransactionRollbackEvent,
} from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { OutboxMessageEntity } from './entities/outbox-message.entity';
import { isJobName, JobName, JobPayloads } from './job-catalogue';
import { JobExecutor } from './job-executor';
import { JobQueue, JobToEnqueue } from './job-queue';
import { OutboxRepository } from './outbox.repository';

const BATCH = 100;
// Any fixed number: on PostgreSQL one relay at a time across replicas (a session advisory lock).
const RELAY_LOCK = 7_310_200;
/** Set on a transaction's query runner by OutboxService.add; the relay wakes when that transaction commits. */
export const OUTBOX_WAKE = 'outboxWake';

/**
 * Moves unsent outbox rows to the job queue in id order and marks them sent. Woken right after a commit that
 * added rows, and polls as a safety net. With Redis away the rows wait (and record the error); when it returns
 * they go out. Ids are deterministic, so a row re-sent after a crash between enqueue and mark-sent is harmless.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnModuleDestroy, EntitySubscriberInterface {
  private readonly logger = new Logger(OutboxRelay.name);
  private timer?: NodeJS.Timeout;
  private running: Promise<number> | null = null;
  private again = false;
  private stopped = true;
  /** Inline driver: rows handed over and not yet run; poisoned: rows whose job can never be queued. */
  private readonly inFlight = new Set<number>();
  private readonly poisoned = new Set<number>();
  private lastFailureLog = 0;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: OutboxRepository,
    private readonly queue: JobQueue,
    private readonly executor: JobExecutor,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.role === 'reader') return; // a reader writes no outbox rows: the cluster's writer relays them
    this.stopped = false;
    this.dataSource.subscribers.push(this);
    this.timer = setInterval(() => this.wake(), this.config.jobs.outboxPollMs);
    this.timer.unref();
    this.wake();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    const index = this.dataSource.subscribers.indexOf(this);
    if (index >= 0) this.dataSource.subscribers.splice(index, 1);
    await this.running?.catch(() => undefined);
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    const runner = event.queryRunner;
    if (!runner.data?.[OUTBOX_WAKE] || runner.isTransactionActive) return; // a savepoint, not the commit
    delete runner.data[OUTBOX_WAKE];
    this.wake();
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    if (!event.queryRunner.isTransactionActive) delete event.queryRunner.data?.[OUTBOX_WAKE];
  }

  /** Asks for a relay pass soon; passes never overlap, a wake during one causes one more. */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.relayPending()
      .catch((error) => {
        this.logFailure(`outbox relay failed: ${error}`);
        return 0;
      })
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          this.wake();
        }
      });
  }

  /** Sends everything unsent now; resolves to the number of rows handed to the queue. */
  async relayPending(): Promise<number> {
    return this.withRelayLock(async () => {
      let total = 0;
      while (!this.stopped) {
        const excluded = this.inFlight.size + this.poisoned.size;
        const rows = (await this.repository.unsent(BATCH + excluded)).filter(
          (row) => !this.inFlight.has(row.id) && !this.poisoned.has(row.id),
        );
        const batch = rows.slice(0, BATCH);
        const jobs = await this.toJobs(batch);
        if (jobs.length === 0) return total;
        const ids = jobs.map((job) => job.rowId);
        let handed;
        try {
          handed = await this.queue.enqueueMany(jobs.map((job) => job.job));
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          await this.repository.markFailed(ids, message);
          this.logFailure(`outbox: ${ids.length} row(s) wait, the queue refused them: ${message}`);
          return total;
        }
        if (this.queue.driver === 'bullmq') {
          await this.repository.markSent(ids, new Date());
        } else {
          handed.forEach((job, index) => this.markSentWhenSettled(ids[index], job.settled));
        }
        total += jobs.length;
        if (rows.length <= BATCH) return total;
      }
      return total;
    });
  }

  private markSentWhenSettled(rowId: number, settled: Promise<boolean>): void {
    this.inFlight.add(rowId);
    settled
      .then((safe) => (safe ? this.repository.markSent([rowId], new Date()) : undefined))
      .catch((error) => this.logger.warn(`outbox row ${rowId} not marked sent: ${error}`))
      .finally(() => this.inFlight.delete(rowId));
  }

  /** Rows whose job name or payload the catalogue rejects are set aside (with the reason) instead of blocking. */
  private async toJobs(rows: OutboxMessageEntity[]): Promise<{ rowId: number; job: JobToEnqueue }[]> {
    const jobs: { rowId: number; job: JobToEnqueue }[] = [];
    for (const row of rows) {
      try {
        if (!isJobName(row.name)) throw new Error(`unknown job name "${row.name}"`);
        const payload = JSON.parse(row.payload) as JobPayloads[JobName];
        this.executor.keyOf(row.name, payload);
        jobs.push({
          rowId: row.id,
          job: { name: row.name, payload, options: { jobId: row.jobId ?? undefined } },
        });
      } catch (error) {
        this.poisoned.add(row.id);
        await this.repository.markFailed([row.id], `cannot be queued: ${(error as Error).message}`);
        this.logger.error(`outbox row ${row.id} cannot be queued: ${(error as Error).message}`);
      }
    }
    return jobs;
  }

  /** On PostgreSQL one relay at a time across replicas; SQLite has one writer process anyway. */
  private async withRelayLock(work: () => Promise<number>): Promise<number> {
    if (this.dataSource.options.type !== 'postgres') return work();
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const [{ locked }] = await runner.query('SELECT pg_try_advisory_lock($1) AS locked', [RELAY_LOCK]);
      if (!locked) return 0;
      try {
        return await work();
      } finally {
        await runner.query('SELECT pg_advisory_unlock($1)', [RELAY_LOCK]);
      }
    } finally {
      await runner.release();
    }
  }

  private logFailure(message: string): void {
    if (Date.now() - this.lastFailureLog < 30_000) return;
    this.lastFailureLog = Date.now();
    this.logger.warn(message);
  }
}
