import { DataSource } from 'typeorm';
import { TransactionRunner } from '../transaction-runner';

/** TypeORM's SQLite driver: one query runner for the whole connection, whose BEGIN goes through its own query(). */
function sqliteLike() {
  const statements: string[] = [];
  const depths: number[] = [];
  const runner = {
    manager: {},
    query(sql: string) {
      statements.push(sql);
      depths.push(new Error().stack!.split('\n').length);
      return Promise.resolve([]);
    },
    startTransaction() {
      return this.query('BEGIN TRANSACTION');
    },
    commitTransaction() {
      return this.query('COMMIT');
    },
    rollbackTransaction() {
      return this.query('ROLLBACK');
    },
    release: () => Promise.resolve(),
  };
  const dataSource = {
    options: { type: 'sqlite' },
    createQueryRunner: () => runner,
  } as unknown as DataSource;
  return { runner, dataSource, statements, depths };
}

describe('TransactionRunner on SQLite', () => {
  const limit = Error.stackTraceLimit;
  beforeAll(() => (Error.stackTraceLimit = Infinity));
  afterAll(() => (Error.stackTraceLimit = limit));

  it('opens every transaction with BEGIN IMMEDIATE', async () => {
    const { dataSource, statements } = sqliteLike();
    const transactions = new TransactionRunner(dataSource);
    await transactions.run(async () => undefined);
    await transactions.run(async () => undefined);
    expect(statements).toEqual([
      'BEGIN IMMEDIATE TRANSACTION',
      'COMMIT',
      'BEGIN IMMEDIATE TRANSACTION',
      'COMMIT',
    ]);
  });

  it('wraps the shared query runner once, however many transactions ran', async () => {
    const { runner, dataSource, depths } = sqliteLike();
    const transactions = new TransactionRunner(dataSource);
    await transactions.run(async () => undefined);
    const wrapped = runner.query;
    await runner.query('SELECT 1');
    const depthAfterOne = depths[depths.length - 1];
    for (let i = 0; i < 200; i++) await transactions.run(async () => undefined);
    await runner.query('SELECT 1');
    expect(runner.query).toBe(wrapped);
    expect(depths[depths.length - 1]).toBe(depthAfterOne);
  });

  it('runs a joiner first inside the transactions of its work only, and tells it of a rollback', async () => {
    const { dataSource, statements } = sqliteLike();
    const transactions = new TransactionRunner(dataSource);
    const events: string[] = [];
    const joiner = {
      join: async () => {
        events.push('join');
        statements.push('INSERT key');
      },
      rolledBack: () => events.push('rolledBack'),
    };
    await TransactionRunner.joining(joiner, async () => {
      await transactions.run(async () => {
        statements.push('INSERT write');
      });
      await expect(
        transactions.run(async () => {
          throw new Error('refused');
        }),
      ).rejects.toThrow('refused');
    });
    await transactions.run(async () => undefined);
    expect(events).toEqual(['join', 'join', 'rolledBack']);
    expect(statements).toEqual([
      'BEGIN IMMEDIATE TRANSACTION',
      'INSERT key',
      'INSERT write',
      'COMMIT',
      'BEGIN IMMEDIATE TRANSACTION',
      'INSERT key',
      'ROLLBACK',
      'BEGIN IMMEDIATE TRANSACTION',
      'COMMIT',
    ]);
  });
});
