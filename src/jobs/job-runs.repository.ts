import { Injectable } from '@nestjs/common';
import { Brackets, EntityManager } from 'typeorm';
import { TransactionRunner } from '../database/transaction-runner';
import { JobRunEntity, JobRunStatus } from './entities/job-run.entity';

export type Claim =
  | { outcome: 'claimed'; runId: number; attempt: number }
  | { outcome: 'completed'; run: JobRunEntity }
  | { outcome: 'busy'; run: JobRunEntity };

const COMPLETED: JobRunStatus[] = ['done', 'skipped'];

/** The only place that touches job_runs. Writes go through TransactionRunner (SQLite has one connection). */
@Injectable()
export class JobRunsRepository {
  constructor(private readonly transactions: TransactionRunner) {}

  /** Records that each (name, key) is queued, unless a record already exists. */
  async ensureQueued(runs: { name: string; key: string }[], now: Date): Promise<void> {
    if (runs.length === 0) return;
    await this.transactions.run((manager) =>
      manager
        .createQueryBuilder()
        .insert()
        .into(JobRunEntity)
        .values(
          runs.map(({ name, key }) => ({
            name,
            key,
            status: 'queued' as const,
            attempts: 0,
            createdAt: now,
          })),
        )
        .orIgnore()
        .updateEntity(false)
        .execute(),
    );
  }

  /**
   * Takes the run of (name, key) for one attempt: a queued or failed run, a running one whose lease has
   * passed (its worker died), or with `rerun` a completed one. Atomic, so two workers never both hold it.
   */
  claim(name: string, key: string, options: { now: Date; leaseMs: number; rerun: boolean }): Promise<Claim> {
    const { now, leaseMs, rerun } = options;
    return this.transactions.run(async (manager) => {
      await this.insertIfAbsent(manager, name, key, now);
      const claimable = new Brackets((where) => {
        where
          .where('status IN (:...open)', { open: ['queued', 'failed'] })
          .orWhere('(status = :running AND locked_until < :now)', { running: 'running', now });
        if (rerun) where.orWhere('status IN (:...completed)', { completed: COMPLETED });
      });
      const updated = await manager
        .createQueryBuilder()
        .update(JobRunEntity)
        .set({
          status: 'running',
          attempts: () => 'attempts + 1',
          error: null,
          result: null,
          startedAt: now,
          finishedAt: null,
          lockedUntil: new Date(now.getTime() + leaseMs),
        })
        .where('name = :name AND key = :key', { name, key })
        .andWhere(claimable)
        .execute();
      const run = await manager.getRepository(JobRunEntity).findOneByOrFail({ name, key });
      if (updated.affected) return { outcome: 'claimed', runId: run.id, attempt: run.attempts };
      return COMPLETED.includes(run.status) ? { outcome: 'completed', run } : { outcome: 'busy', run };
    });
  }

  /** Extends the lease of a claimed attempt; false if the attempt lost it (another worker took over). */
  async extendLease(runId: number, attempt: number, until: Date): Promise<boolean> {
    return this.updateAttempt(runId, attempt, { lockedUntil: until });
  }

  finish(runId: number, attempt: number, status: 'done' | 'skipped', result: string | null, now: Date) {
    return this.updateAttempt(runId, attempt, { status, result, finishedAt: now, lockedUntil: null });
  }

  fail(runId: number, attempt: number, error: string, now: Date) {
    return this.updateAttempt(runId, attempt, {
      status: 'failed',
      error: error.slice(0, 4000),
      finishedAt: now,
      lockedUntil: null,
    });
  }

  find(name: string, key: string): Promise<JobRunEntity | null> {
    return this.transactions.manager.getRepository(JobRunEntity).findOneBy({ name, key });
  }

  findMany(name: string, keys: string[]): Promise<JobRunEntity[]> {
    if (keys.length === 0) return Promise.resolve([]);
    return this.transactions.manager
      .getRepository(JobRunEntity)
      .createQueryBuilder('r')
      .where('r.name = :name AND r.key IN (:...keys)', { name, keys })
      .getMany();
  }

  async isCompleted(name: string, key: string): Promise<boolean> {
    const count = await this.transactions.manager
      .getRepository(JobRunEntity)
      .createQueryBuilder('r')
      .where('r.name = :name AND r.key = :key AND r.status IN (:...completed)', {
        name,
        key,
        completed: COMPLETED,
      })
      .getCount();
    return count > 0;
  }

  private async insertIfAbsent(manager: EntityManager, name: string, key: string, now: Date): Promise<void> {
    await manager
      .createQueryBuilder()
      .insert()
      .into(JobRunEntity)
      .values({ name, key, status: 'queued', attempts: 0, createdAt: now })
      .orIgnore()
      .updateEntity(false)
      .execute();
  }

  /** Updates only while the attempt still holds the run (attempts is the claim's token). */
  private async updateAttempt(
    runId: number,
    attempt: number,
    values: Partial<JobRunEntity>,
  ): Promise<boolean> {
    const updated = await this.transactions.run((manager) =>
      manager
        .createQueryBuilder()
        .update(JobRunEntity)
        .set(values)
        .where('id = :runId AND attempts = :attempt AND status = :running', {
          runId,
          attempt,
          running: 'running',
        })
        .execute(),
    );
    return Boolean(updated.affected);
  }
}
