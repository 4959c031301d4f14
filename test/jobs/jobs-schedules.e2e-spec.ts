// The server's zone must not matter: this process and the workers run with TZ=UTC.
process.env.TZ = 'UTC';

import { Queue, QueueEvents } from 'bullmq';
import { BullmqJobQueue, QUEUE_NAME } from '../../src/jobs/drivers/bullmq-job-queue';
import { JobName } from '../../src/jobs/job-catalogue';
import { JobQueue } from '../../src/jobs/job-queue';
import { createTestApp, TestApp } from '../support/test-app';
import {
  bullEnv,
  REDIS_URL,
  runsOf,
  spawnWorker,
  stopProcess,
  uniquePrefix,
  waitFor,
  waitForWorkerReady,
  WorkerProcess,
} from './support/jobs-test-kit';

// Worker processes start slowly on a loaded machine (the whole app, transpiled on first use).
jest.setTimeout(90_000);

describe('jobs, BullMQ job schedulers with two worker processes (TZ=UTC)', () => {
  const prefix = uniquePrefix('schedules');
  let t: TestApp;
  let queue: BullmqJobQueue;
  let events: QueueEvents;
  let workers: WorkerProcess[] = [];
  const activations: string[] = [];

  beforeAll(async () => {
    const env = bullEnv(prefix, { JOB_SCHEDULES: 'true' });
    t = await createTestApp(env); // the API process: registers schedules, runs no workers
    queue = t.app.get(JobQueue) as BullmqJobQueue;
    events = new QueueEvents(QUEUE_NAME, { connection: { url: REDIS_URL }, prefix });
    events.on('active', ({ jobId }) => activations.push(jobId));
    await events.waitUntilReady();
    // Two worker replicas; each registers the standing schedules too.
    workers = [spawnWorker({ TZ: 'UTC' }), spawnWorker({ TZ: 'UTC' })];
    await Promise.all(workers.map((worker) => waitForWorkerReady(worker)));
  });
  afterAll(async () => {
    if (process.env.DEBUG_WORKERS) console.log(workers.map((w) => w.output()).join('\n-----\n'));
    await Promise.all(workers.map((worker) => stopProcess(worker.child)));
    await events.close();
    await queue.queue.obliterate({ force: true });
    await t.close();
  });

  it('has one daily-cycle scheduler and one pending run, though three processes registered it', async () => {
    const schedulers = await queue.queue.getJobSchedulers();
    const cycle = schedulers.filter((scheduler) => scheduler.key === 'daily-cycle');
    expect(cycle).toHaveLength(1);
    expect(cycle[0]).toMatchObject({ pattern: '0 18 * * *', tz: 'Asia/Shanghai' });
    const pending = (await queue.queue.getDelayed()).filter((job) =>
      job.id!.startsWith('repeat:daily-cycle:'),
    );
    expect(pending).toHaveLength(1);
  });

  it('fires each run of a schedule once across both workers', async () => {
    await queue.schedule({ id: 'test-every', name: JobName.Ping, every: 400 });
    // Another replica registering the same schedule changes nothing.
    const replica = new Queue(QUEUE_NAME, { connection: { url: REDIS_URL }, prefix });
    await replica.upsertJobScheduler(
      'test-every',
      { every: 400 },
      { name: JobName.Ping, data: { scheduled: true } },
    );
    await replica.close();
    await new Promise((resolve) => setTimeout(resolve, 3000));
    await queue.unschedule('test-every');
    const ticks = await waitFor('every tick done', async () => {
      const rows = (await runsOf(t.dataSource, 'ping')).filter((row) => row.key.startsWith('tick-'));
      return rows.length >= 5 && rows.every((row) => row.status === 'done') && rows;
    });
    const fired = activations.filter((id) => id.startsWith('repeat:test-every:'));
    // Each scheduled job became active exactly once, and each ran its tick once.
    expect(new Set(fired).size).toBe(fired.length);
    expect(fired.map((id) => `tick-${id.split(':')[2]}`).sort()).toEqual(ticks.map((row) => row.key).sort());
    for (const tick of ticks) expect(tick.attempts).toBe(1);
    const pids = new Set(ticks.map((tick) => (JSON.parse(tick.result!) as { pid: number }).pid));
    const workerPids = workers.map((worker) => worker.child.pid);
    expect([...pids].every((pid) => workerPids.includes(pid))).toBe(true);
  });

  it('gives a scheduled run the business date of its fire time in Asia/Shanghai, not of the server zone', async () => {
    // 23:59 and 00:01 in Shanghai on 27/28 November: both fire on 27 November in UTC.
    await queue.queue.upsertJobScheduler(
      'tz-before-midnight',
      { pattern: '59 23 27 11 *', tz: 'Asia/Shanghai' },
      { name: JobName.DailyCycle, data: { scheduled: true } },
    );
    await queue.queue.upsertJobScheduler(
      'tz-after-midnight',
      { pattern: '1 0 28 11 *', tz: 'Asia/Shanghai' },
      { name: JobName.DailyCycle, data: { scheduled: true } },
    );
    const delayed = await queue.queue.getDelayed();
    const before = delayed.find((job) => job.id!.startsWith('repeat:tz-before-midnight:'))!;
    const after = delayed.find((job) => job.id!.startsWith('repeat:tz-after-midnight:'))!;
    const year = new Date(Number(before.id!.split(':')[2])).getUTCFullYear();
    expect(new Date(Number(before.id!.split(':')[2])).toISOString()).toBe(`${year}-11-27T15:59:00.000Z`);
    expect(new Date(Number(after.id!.split(':')[2])).toISOString()).toBe(`${year}-11-27T16:01:00.000Z`);
    // Run both now instead of waiting for November: the run keeps its scheduled fire time. Its record is keyed
    // by the business date (whatever the step handlers then make of a date still to come).
    await before.promote();
    await after.promote();
    const cycles = await waitFor('both cycle runs claimed', async () => {
      const rows = (await runsOf(t.dataSource, 'cycle')).filter((row) => row.attempts > 0);
      return rows.length === 2 && rows;
    });
    await queue.queue.removeJobScheduler('tz-before-midnight');
    await queue.queue.removeJobScheduler('tz-after-midnight');
    expect(cycles.map((row) => row.key).sort()).toEqual([`${year}-11-27`, `${year}-11-28`]);
  });
});
