import { ChildProcess } from 'node:child_process';
import { TransactionRunner } from '../../src/database/transaction-runner';
import { BullmqJobQueue } from '../../src/jobs/drivers/bullmq-job-queue';
import { OutboxMessageEntity } from '../../src/jobs/entities/outbox-message.entity';
import { JobName } from '../../src/jobs/job-catalogue';
import { JobQueue } from '../../src/jobs/job-queue';
import { OutboxRelay } from '../../src/jobs/outbox-relay.service';
import { OutboxService } from '../../src/jobs/outbox.service';
import { createTestApp, TestApp } from '../support/test-app';
import {
  bullEnv,
  freePort,
  outboxRows,
  runsOf,
  startRedis,
  stopProcess,
  uniquePrefix,
  waitFor,
} from './support/jobs-test-kit';

describe('jobs, BullMQ: Redis goes away and comes back (a redis-server of our own)', () => {
  let port: number;
  let redis: ChildProcess;
  let t: TestApp;
  let queue: BullmqJobQueue;
  let transactions: TransactionRunner;
  let outbox: OutboxService;

  const write = (key: string) => transactions.run((manager) => outbox.add(manager, JobName.Ping, { key }));
  const runsByKey = async (keys: string[]) =>
    (await runsOf(t.dataSource, 'ping')).filter((row) => keys.includes(row.key));

  beforeAll(async () => {
    port = await freePort();
    redis = await startRedis(port);
    t = await createTestApp(
      bullEnv(uniquePrefix('outage'), {
        REDIS_URL: `redis://127.0.0.1:${port}`,
        RUN_WORKERS: 'true',
        JOB_SCHEDULES: 'true',
      }),
    );
    queue = t.app.get(JobQueue) as BullmqJobQueue;
    transactions = t.app.get(TransactionRunner);
    outbox = t.app.get(OutboxService);
    await waitFor('worker running', async () => queue.workerRunning);
  });
  afterAll(async () => {
    await t.close();
    await stopProcess(redis);
  });

  it('delivers an outbox row while Redis is up', async () => {
    await write('before');
    await waitFor('before done', async () => (await runsByKey(['before']))[0]?.status === 'done');
  });

  it('keeps writes succeeding while Redis is down; rows wait; the backlog goes out once when it returns', async () => {
    await stopProcess(redis);
    await waitFor('producer sees Redis gone', async () => !queue.available);

    const keys = ['down-1', 'down-2', 'down-3', 'down-4', 'down-5'];
    for (const key of keys) {
      const started = Date.now();
      await write(key); // the write commits: Redis is not on its path
      expect(Date.now() - started).toBeLessThan(2000);
    }
    // Several relay passes (poll 300 ms) tried and failed; the rows wait with the reason.
    await waitFor('relay attempts recorded', async () => {
      const waiting = (await outboxRows(t.dataSource)).filter((row) => row.sentAt === null);
      return waiting.length === keys.length && waiting.every((row) => row.attempts >= 2) && waiting;
    });
    const waiting = (await outboxRows(t.dataSource)).filter((row) => row.sentAt === null);
    expect(waiting.map((row) => JSON.parse(row.payload).key)).toEqual(keys); // in id order
    expect(waiting[0].lastError).toMatch(/Redis is not available|Connection|ECONNREFUSED|writeable/i);
    expect(await runsByKey(keys)).toHaveLength(0);

    redis = await startRedis(port); // a fresh, empty Redis on the same port
    const runs = await waitFor(
      'backlog done',
      async () => {
        const found = await runsByKey(keys);
        return found.length === keys.length && found.every((row) => row.status === 'done') && found;
      },
      20_000,
    );
    expect(runs.map((row) => row.attempts)).toEqual([1, 1, 1, 1, 1]);
    expect((await outboxRows(t.dataSource)).every((row) => row.sentAt !== null)).toBe(true);
    for (const key of keys) {
      const job = await queue.queue.getJob(`job:ping:${key}`);
      expect(await job!.getState()).toBe('completed');
      expect(job!.attemptsStarted).toBe(1);
    }
    expect(await queue.queue.getJobCountByTypes('completed', 'active', 'wait', 'failed')).toBe(keys.length);
    // The schedules were registered again on the empty Redis.
    await waitFor('daily-cycle scheduler back', async () =>
      (await queue.queue.getJobSchedulers()).some((scheduler) => scheduler.key === 'daily-cycle'),
    );
  });

  it('treats a re-send after a crash between enqueue and mark-sent as harmless', async () => {
    // As if the relay died after queueing the row and before marking it sent.
    await t.dataSource
      .getRepository(OutboxMessageEntity)
      .createQueryBuilder()
      .update()
      .set({ sentAt: null })
      .where('id = (SELECT MAX(id) FROM outbox)')
      .execute();
    expect(await t.app.get(OutboxRelay).relayPending()).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const [run] = await runsByKey(['down-5']);
    expect(run).toMatchObject({ status: 'done', attempts: 1 });
    const job = await queue.queue.getJob('job:ping:down-5');
    expect(job!.attemptsStarted).toBe(1);
    expect((await outboxRows(t.dataSource)).every((row) => row.sentAt !== null)).toBe(true);
  });

  describe('an API and worker started while Redis is unreachable (a closed port)', () => {
    let down: TestApp;

    beforeAll(async () => {
      down = await createTestApp(
        bullEnv(uniquePrefix('closed'), {
          REDIS_URL: `redis://127.0.0.1:${await freePort()}`,
          RUN_WORKERS: 'true',
          JOB_SCHEDULES: 'true',
        }),
      );
    });

    it('boots, accepts writes, keeps their outbox rows waiting with the reason, and shuts down', async () => {
      const service = down.app.get(OutboxService);
      await down.app
        .get(TransactionRunner)
        .run((manager) => service.add(manager, JobName.Ping, { key: 'closed' }));
      const [row] = await waitFor('relay tried', async () => {
        const rows = await outboxRows(down.dataSource);
        return rows[0]?.attempts > 0 && rows;
      });
      expect(row).toMatchObject({ sentAt: null, lastError: expect.stringMatching(/Redis is not available/) });
      const started = Date.now();
      await down.close();
      expect(Date.now() - started).toBeLessThan(5000);
    });
  });
});
