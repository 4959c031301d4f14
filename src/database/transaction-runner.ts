import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AsyncLocalStorage } from 'node:async_hooks';
import { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { isReadOnly } from './data-source-options';

/**
 * Something a request must write in the same transaction as its first write (the Idempotency-Key's claim): it
 * commits or rolls back with the write, so a crash can never leave one without the other.
 */
export interface TransactionJoiner {
  /** Runs first inside each transaction of the request until one has claimed (it decides). */
  join(manager: EntityManager): Promise<void>;
  /** That transaction rolled back: what join wrote is gone. */
  rolledBack(): void;
}

const joiners = new AsyncLocalStorage<TransactionJoiner>();

/**
 * Explicit transactions. TypeORM's SQLite driver has one connection, so two transactions at once collide
 * ("cannot start a transaction within a transaction"); SQLite serializes writers anyway, so we queue them here.
 */
@Injectable()
export class TransactionRunner {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly serialize: boolean;
  /** A cluster reader's connection (src/cluster/): its transactions are read snapshots, BEGIN IMMEDIATE would fail. */
  readonly readOnly: boolean;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    this.serialize = dataSource.options.type === 'sqlite';
    this.readOnly = isReadOnly(dataSource);
  }

  get isPostgres(): boolean {
    return this.dataSource.options.type === 'postgres';
  }

  get manager(): EntityManager {
    return this.dataSource.manager;
  }

  /** Runs `work` with `joiner` taking part in every transaction it opens (see TransactionJoiner). */
  static joining<T>(joiner: TransactionJoiner, work: () => Promise<T>): Promise<T> {
    return joiners.run(joiner, work);
  }

  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const joiner = joiners.getStore();
    const joined = joiner ? this.joined(joiner, work) : work;
    if (!this.serialize) return this.dataSource.transaction(joined);
    const result = this.queue.then(() => this.immediate(joined));
    this.queue = result.catch(() => undefined);
    return result;
  }

  private joined<T>(
    joiner: TransactionJoiner,
    work: (manager: EntityManager) => Promise<T>,
  ): (manager: EntityManager) => Promise<T> {
    return async (manager) => {
      try {
        await joiner.join(manager);
        return await work(manager);
      } catch (error) {
        joiner.rolledBack();
        throw error;
      }
    };
  }

  /**
   * SQLite: what DataSource.transaction does, but opened with BEGIN IMMEDIATE instead of TypeORM's deferred BEGIN.
   * With worker processes on the same file (WAL), a deferred transaction whose snapshot is taken by a read (any
   * concurrent read on this one shared connection) goes stale when another process commits before its first write:
   * that write then fails with SQLITE_BUSY, which TypeORM's busyErrorRetry repeats forever inside the same stale
   * transaction, so the connection never leaves it and every later read on it sees old data. Taking the write lock
   * at BEGIN means the snapshot cannot go stale; a busy BEGIN is retried before any transaction exists.
   */
  private async immediate<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    if (!this.readOnly) beginImmediately(runner);
    try {
      await runner.startTransaction();
      const result = await work(runner.manager);
      await runner.commitTransaction();
      return result;
    } catch (error) {
      await runner.rollbackTransaction().catch(() => undefined); // the original error is the one that matters
      throw error;
    } finally {
      await runner.release();
    }
  }
}

const IMMEDIATE = Symbol('beginsImmediately');

/**
 * Makes the runner's BEGIN an IMMEDIATE one, once: TypeORM's SQLite driver hands out one shared query runner, and
 * wrapping it again for every transaction nested one more wrapper around every later query (after 10,000
 * transactions each query went through 10,000 calls).
 */
export function beginImmediately(runner: QueryRunner): void {
  const marked = runner as QueryRunner & { [IMMEDIATE]?: true };
  if (marked[IMMEDIATE]) return;
  const query = runner.query.bind(runner);
  runner.query = ((sql: string, ...rest: unknown[]) =>
    (query as (...args: unknown[]) => Promise<unknown>)(
      sql === 'BEGIN TRANSACTION' ? 'BEGIN IMMEDIATE TRANSACTION' : sql,
      ...rest,
    )) as typeof runner.query;
  marked[IMMEDIATE] = true;
}
