import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import { BullmqJobQueue, QUEUE_NAME } from '../../src/jobs/drivers/bullmq-job-queue';
import { TransactionRunner } from '../../src/database/transaction-runner';
import { OutboxMessageEntity } from '../../src/jobs/entities/outbox-message.entity';
import { JobName } from '../../src/jobs/job-catalogue';
import { JobQueue } from '../../src/jobs/job-queue';
import { JobRunsService } from '../../src/jobs/job-runs.service';
import { OutboxService } from '../../src/jobs/outbox.service';
import { auth, Factory } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';
import { bullEnv, outboxRows, REDIS_URL, runsOf, uniquePrefix, waitFor } from './support/jobs-test-kit';

describe('jobs, BullMQ driver on real Redis with an in-process worker', () => {
  const prefix = uniquePrefix('bullmq');
  let t: TestApp;
  let queue: BullmqJobQueue;
  let runs: JobRunsService;
  let redis: IORedis;

  beforeAll(async () => {
    t = await createTestApp(bullEnv(prefix, { RUN_WORKERS: 'true', JOB_SCHEDULES: 'true' }));
    queue = t.app.get(JobQueue) as BullmqJobQueue;
    runs = t.app.get(JobRunsService);
    redis = new IORedis(REDIS_URL);
    // The worker's connection and the producer's are separate: under load one is ready well before the other.
    await waitFor('worker running, producer ready', async () => queue.workerRunning && queue.available);
  });
  afterAll(async () => {
    await queue.queue.obliterate({ force: true });
    await t.close();
    await redis.quit();
  });

  it('uses the BullMQ driver', () => {
    expect(queue).toBeInstanceOf(BullmqJobQueue);
  });

  it('runs a job enqueued three times with the same id once, leaving one job_runs row', async () => {
    const [first, second] = await Promise.all([
      queue.enqueue(JobName.Ping, { key: 'dup', sleepMs: 300 }),
      queue.enqueue(JobName.Ping, { key: 'dup', sleepMs: 300 }),
    ]);
    expect([first.id, second.id]).toEqual(['ping:dup', 'ping:dup']);
    await waitFor('ping:dup done', async () => (await runs.get(JobName.Ping, 'dup'))?.status === 'done');
    await queue.enqueue(JobName.Ping, { key: 'dup' });
    await new Promise((resolve) => setTimeout(resolve, 500));
    const rows = (await runsOf(t.dataSource, 'ping')).filter((row) => row.key === 'dup');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'done', attempts: 1 });
    // One job in Redis under the deterministic id, completed once.
    const job = await queue.queue.getJob('job:ping:dup');
    expect(await job!.getState()).toBe('completed');
    expect(job!.attemptsStarted).toBe(1);
    expect(await queue.queue.getJobCountByTypes('completed')).toBe(1);
  });

  it('retries a failing job with exponential backoff and records every attempt', async () => {
    await queue.enqueue(JobName.Ping, { key: 'flaky', failTimes: 2 });
    const run = await waitFor('flaky done', async () => {
      const found = await runs.get(JobName.Ping, 'flaky');
      return found?.status === 'done' && found;
    });
    expect(run).toMatchObject({ attempts: 3, error: null });
    const job = await queue.queue.getJob('job:ping:flaky');
    expect(job!.attemptsStarted).toBe(3);
    expect(job!.opts.backoff).toEqual({ type: 'exponential', delay: 200 });
    expect(job!.opts.removeOnComplete).toEqual({ count: 1000, age: 7 * 24 * 3600 });
  });

  it('relays outbox rows after commit and, as a safety net, by polling', async () => {
    const transactions = t.app.get(TransactionRunner);
    await transactions.run((manager) =>
      t.app.get(OutboxService).add(manager, JobName.Ping, { key: 'outbox-a' }),
    );
    // A row nobody woke the relay for (as if written by another process): the poll finds it.
    await t.dataSource.getRepository(OutboxMessageEntity).insert({
      name: JobName.Ping,
      payload: JSON.stringify({ key: 'outbox-b' }),
      jobId: null,
      createdAt: new Date(),
      attempts: 0,
    });
    await waitFor('both outbox jobs done', async () => {
      const done = (await runs.getMany(JobName.Ping, ['outbox-a', 'outbox-b'])).filter(
        (r) => r.status === 'done',
      );
      return done.length === 2;
    });
    const rows = await outboxRows(t.dataSource);
    expect(rows.every((row) => row.sentAt !== null)).toBe(true);
  });

  it('registers the standing schedules once in Redis, however many processes register them', async () => {
    // A second replica registering the same schedules (another Queue on the same prefix).
    const replica = new Queue(QUEUE_NAME, { connection: { url: REDIS_URL }, prefix });
    await replica.upsertJobScheduler(
      'daily-cycle',
      { pattern: '0 18 * * *', tz: 'Asia/Shanghai' },
      { name: JobName.DailyCycle, data: { scheduled: true } },
    );
    const schedulers = await queue.queue.getJobSchedulers();
    await replica.close();
    expect(schedulers.map((s) => s.key).sort()).toEqual(['daily-cycle', 'report-check', 'weekly-bulletin']);
    expect(schedulers.find((s) => s.key === 'report-check')).toMatchObject({
      pattern: '30 2 * * *',
      tz: 'Asia/Shanghai',
    });
    expect(schedulers.find((s) => s.key === 'daily-cycle')).toMatchObject({
      pattern: '0 18 * * *',
      tz: 'Asia/Shanghai',
      name: 'cycle',
    });
    expect(schedulers.find((s) => s.key === 'weekly-bulletin')).toMatchObject({
      pattern: '0 9 * * 1',
      tz: 'Asia/Shanghai',
      name: 'bulletin',
    });
    // The next run is one delayed job, at the next 18:00 in Asia/Shanghai (10:00 UTC).
    const delayed = await queue.queue.getDelayed();
    const cycleRuns = delayed.filter((job) => job.id!.startsWith('repeat:daily-cycle:'));
    expect(cycleRuns).toHaveLength(1);
    const fireAt = new Date(Number(cycleRuns[0].id!.split(':')[2]));
    expect(fireAt.toISOString()).toMatch(/T10:00:00\.000Z$/);
  });

  describe('Bull Board at /admin/queues', () => {
    let admin: string;
    let commander: string;

    beforeAll(async () => {
      const factory = new Factory(t);
      admin = await t.login('admin', 'admin-password');
      const centreId = await factory.orgUnit(admin, { name: '指挥部', kind: 'command_centre' });
      commander = (await factory.user(admin, 'commander', centreId)).token;
    });

    it('refuses a request without a token (401) and a non-admin (403)', async () => {
      expect((await t.http.get('/admin/queues')).status).toBe(401);
      expect((await t.http.get('/admin/queues').set(auth('not-a-token'))).status).toBe(401);
      const forbidden = await t.http.get('/admin/queues/api/queues').set(auth(commander));
      expect(forbidden.status).toBe(403);
      expect(forbidden.body.code).toBe('FORBIDDEN');
    });

    it('shows the queue to an admin', async () => {
      const page = await t.http.get('/admin/queues').set(auth(admin));
      expect(page.status).toBe(200);
      expect(page.text).toContain('<html');
      const api = await t.http.get('/admin/queues/api/queues').set(auth(admin));
      expect(api.status).toBe(200);
      expect(JSON.stringify(api.body)).toContain(QUEUE_NAME);
    });
  });

  it('keeps every test file on its own Redis prefix', async () => {
    const keys = await redis.keys(`${prefix}:${QUEUE_NAME}:*`);
    expect(keys.length).toBeGreaterThan(0);
  });
});
