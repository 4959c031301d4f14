import { businessDate } from '../../src/common/time/business-clock';
import { TransactionRunner } from '../../src/database/transaction-runner';
import { JobName } from '../../src/jobs/job-catalogue';
import { JobQueue } from '../../src/jobs/job-queue';
import { JobRunsService } from '../../src/jobs/job-runs.service';
import { OutboxService } from '../../src/jobs/outbox.service';
import { createTestApp, TestApp } from '../support/test-app';
import { outboxRows, runsOf, waitFor } from './support/jobs-test-kit';

describe('jobs, inline driver (no REDIS_URL): same handlers, same idempotency, job_runs records', () => {
  let t: TestApp;
  let queue: JobQueue;
  let outbox: OutboxService;
  let runs: JobRunsService;
  let transactions: TransactionRunner;

  beforeAll(async () => {
    // A long poll: an outbox row that goes out at once was woken by its commit, not found by polling.
    t = await createTestApp({ JOB_BACKOFF_MS: '100', OUTBOX_POLL_MS: '60000', JOB_SCHEDULES: 'false' });
    queue = t.app.get(JobQueue);
    outbox = t.app.get(OutboxService);
    runs = t.app.get(JobRunsService);
    transactions = t.app.get(TransactionRunner);
  });
  afterAll(() => t.close());

  it('uses the inline driver', () => {
    expect(queue.driver).toBe('inline');
  });

  it('runs a job enqueued three times with the same id once, with one job_runs row', async () => {
    const [first, second] = await Promise.all([
      queue.enqueue(JobName.Ping, { key: 'same', sleepMs: 200 }),
      queue.enqueue(JobName.Ping, { key: 'same', sleepMs: 200 }),
    ]);
    expect(first.id).toBe('ping:same');
    expect(second.id).toBe('ping:same');
    await Promise.all([first.settled, second.settled]);
    const third = await queue.enqueue(JobName.Ping, { key: 'same' });
    await third.settled;
    const rows = (await runsOf(t.dataSource, 'ping')).filter((row) => row.key === 'same');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'done', attempts: 1, error: null });
    expect(await runs.isCompleted(JobName.Ping, 'same')).toBe(true);
    expect(await runs.isCompleted(JobName.Ping, 'never-ran')).toBe(false);
  });

  it('retries a failing job with backoff and records the attempts', async () => {
    const job = await queue.enqueue(JobName.Ping, { key: 'flaky', failTimes: 2 });
    expect(await job.settled).toBe(true);
    const run = await runs.get(JobName.Ping, 'flaky');
    expect(run).toMatchObject({ status: 'done', attempts: 3, error: null });
    expect(run!.detail).toMatchObject({ attempt: 3, pid: process.pid });
  });

  it('records a job that fails every attempt as failed, with the error', async () => {
    const job = await queue.enqueue(JobName.Ping, { key: 'hopeless', failTimes: 99 });
    await job.settled;
    expect(await runs.get(JobName.Ping, 'hopeless')).toMatchObject({
      status: 'failed',
      attempts: 5,
      error: expect.stringContaining('fails attempt 5 on purpose'),
    });
  });

  it('runs a completed key again only when asked to rerun', async () => {
    const job = await queue.enqueue(JobName.Ping, { key: 'same' }, { rerun: true });
    expect(job.id).toMatch(/^ping:same@rerun-\d+$/);
    await job.settled;
    expect(await runs.get(JobName.Ping, 'same')).toMatchObject({ status: 'done', attempts: 2 });
  });

  it('refuses a job whose payload the catalogue rejects, or that has no handler', async () => {
    await expect(queue.enqueue(JobName.DailyCycle, { date: '2026-13-01' })).rejects.toThrow(/YYYY-MM-DD/);
    await expect(queue.enqueue('no-such-job' as JobName.Ping, { key: 'x' })).rejects.toThrow(/no handler/);
  });

  it('sends an outbox row right after its transaction commits, and marks it sent once the job ran', async () => {
    const started = Date.now();
    await transactions.run((manager) => outbox.add(manager, JobName.Ping, { key: 'from-outbox' }));
    await waitFor('outbox row sent', async () => (await outboxRows(t.dataSource)).every((row) => row.sentAt));
    expect(Date.now() - started).toBeLessThan(5000); // the poll is 60 s: the commit woke the relay
    expect(await runs.get(JobName.Ping, 'from-outbox')).toMatchObject({ status: 'done', attempts: 1 });
  });

  it('writes no outbox row (and runs nothing) when the transaction rolls back', async () => {
    const before = (await outboxRows(t.dataSource)).length;
    await expect(
      transactions.run(async (manager) => {
        await outbox.add(manager, JobName.Ping, { key: 'rolled-back' });
        throw new Error('the write fails');
      }),
    ).rejects.toThrow('the write fails');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await outboxRows(t.dataSource)).toHaveLength(before);
    expect(await runs.get(JobName.Ping, 'rolled-back')).toBeNull();
  });

  it('runs schedules in-process: an interval, and a cron whose business date comes from the fire time', async () => {
    await queue.schedule({ id: 'test-ticks', name: JobName.Ping, every: 250 });
    await queue.schedule({ id: 'test-cycle', name: JobName.DailyCycle, pattern: '* * * * * *' });
    const ticks = await waitFor('two ticks', async () => {
      const rows = (await runsOf(t.dataSource, 'ping')).filter((row) => row.key.startsWith('tick-'));
      return rows.filter((row) => row.status === 'done').length >= 2 && rows;
    });
    const cycles = await waitFor('a cycle run', async () => {
      const rows = await runsOf(t.dataSource, 'cycle');
      return rows.some((row) => row.attempts > 0) && rows;
    });
    await queue.unschedule('test-ticks');
    await queue.unschedule('test-cycle');
    for (const tick of ticks) {
      expect(Number(tick.key.slice('tick-'.length)) % 250).toBe(0); // aligned fire times
      expect(tick.attempts).toBeLessThanOrEqual(1);
    }
    // Every fire within one business day is the same run: one record, keyed by that date in Asia/Shanghai.
    expect(cycles).toHaveLength(1);
    expect(cycles[0].key).toBe(businessDate(new Date(), 'Asia/Shanghai'));
    const cycle = await waitFor('the cycle finished', async () => {
      const run = await runs.get(JobName.DailyCycle, cycles[0].key);
      return run?.finishedAt && run;
    });
    expect(Object.keys((cycle.detail as { steps: object }).steps)).toEqual(['report', 'review', 'dispatch']);
  });
});
