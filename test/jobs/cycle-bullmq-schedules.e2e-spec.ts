// The server's zone must not matter: this process and the worker processes run with TZ=UTC.
process.env.TZ = 'UTC';

import { Job, QueueEvents } from 'bullmq';
import { BullmqJobQueue, QUEUE_NAME } from '../../src/jobs/drivers/bullmq-job-queue';
import { JobName } from '../../src/jobs/job-catalogue';
import { JobQueue } from '../../src/jobs/job-queue';
import { JobRunsService } from '../../src/jobs/job-runs.service';
import { auth, Factory, World } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';
import {
  countRows,
  deletePrefix,
  expectStepsInOrder,
  finishedCycle,
  processedOn,
  settledJob,
  sleep,
  WorkerClock,
} from './support/cycle-kit';
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

/*
 * BullMQ computes a scheduler's fire times from the real clock, so the fire times here are in the future: the
 * next 27 November, 23:59 in Shanghai. A run for a date still to come is refused by the report ("no future
 * dates"), and rightly: a scheduler only fires once its time has come. So the workers get a clock of their own
 * (fake-clock.preload.js), moved by the test to just after each fire time, and each run is promoted (as
 * jobs-schedules does) instead of waited for: it keeps the fire time BullMQ gave it, in its job id.
 */
const now = new Date();
const Y =
  now.getTime() < Date.UTC(now.getUTCFullYear(), 10, 27, 15, 59)
    ? now.getUTCFullYear()
    : now.getUTCFullYear() + 1;
const day = (monthDay: string) => `${Y}-${monthDay}`;
const shanghai = (monthDay: string, time: string) => `${day(monthDay)}T${time}+08:00`;

describe('daily cycle fired by BullMQ job schedulers, two worker processes (TZ=UTC)', () => {
  const prefix = uniquePrefix('cycle-schedules');
  let t: TestApp;
  let w: World;
  let queue: BullmqJobQueue;
  let runs: JobRunsService;
  let events: QueueEvents;
  let clock: WorkerClock;
  let workers: WorkerProcess[] = [];
  const activations: string[] = [];
  const h: Record<string, Record<string, any>> = {};

  const pendingRuns = async (schedulerId: string) =>
    (await queue.queue.getDelayed()).filter((job) => job.id!.startsWith(`repeat:${schedulerId}:`));
  const fireTime = (job: Job) => new Date(Number(job.id!.split(':').pop())).toISOString();
  /** Runs a scheduled job now (unless a worker, whose clock has passed its time, already took it). */
  const promote = async (job: Job) => {
    if ((await job.getState()) === 'delayed') await job.promote().catch(() => undefined);
  };
  /** The run of one fire time: became active once, on one worker, and completed. */
  const expectRanOnce = async (jobId: string) => {
    const job = await settledJob(queue, jobId);
    expect(await job.getState()).toBe('completed');
    expect(job.attemptsStarted).toBe(1);
    expect(await processedOn(queue, jobId, workers)).toBeDefined();
    await waitFor(`${jobId} active event`, async () => activations.includes(jobId));
    await sleep(200);
    expect(activations.filter((id) => id === jobId)).toHaveLength(1);
  };
  const report = async (date: string) =>
    (await t.http.get(`/api/v1/reports/daily/${date}`).set(auth(w.commander))).body;

  beforeAll(async () => {
    // The API registers no standing schedules (JOB_SCHEDULES=false) and runs no jobs (RUN_WORKERS unset).
    t = await createTestApp(bullEnv(prefix));
    queue = t.app.get(JobQueue) as BullmqJobQueue;
    runs = t.app.get(JobRunsService);
    events = new QueueEvents(QUEUE_NAME, { connection: { url: REDIS_URL }, prefix });
    events.on('active', ({ jobId }) => activations.push(jobId));
    await events.waitUntilReady();
    // Two worker replicas, 12:00 on 25 November in Shanghai by their clock; each registers the standing schedules.
    clock = new WorkerClock(shanghai('11-25', '12:00:00'));
    const env = { TZ: 'UTC', JOB_SCHEDULES: 'true', ...clock.env() };
    workers = [spawnWorker(env), spawnWorker(env)];

    const f = new Factory(t);
    w = await f.world();
    t.clock.set(`${day('11-10')}T02:00:00Z`);
    h.H1 = await f.household(w);
    h.H2 = await f.household(w);
    h.H3 = await f.household(w, { villageId: w.otherVillageId, cadreId: w.otherCadre.id });
    h.H4 = await f.household(w);
    await Promise.all(workers.map((worker) => waitForWorkerReady(worker)));
  });

  afterAll(async () => {
    if (process.env.DEBUG_WORKERS) console.log(workers.map((x) => x.output()).join('\n-----\n'));
    await Promise.all(workers.map((worker) => stopProcess(worker.child)));
    await events.close();
    await queue.queue.obliterate({ force: true });
    await t.close();
    await deletePrefix(REDIS_URL, prefix);
    clock.dispose();
  });

  it('has one daily-cycle scheduler though both workers registered it, and runs each of its fire times once', async () => {
    const schedulers = await queue.queue.getJobSchedulers();
    expect(schedulers.filter((s) => s.key === 'daily-cycle')).toEqual([
      expect.objectContaining({ pattern: '0 18 * * *', tz: 'Asia/Shanghai', name: JobName.DailyCycle }),
    ]);
    // Not under test here; removed so that it cannot fire while the workers' clock moves on.
    await queue.queue.removeJobScheduler('weekly-bulletin');

    for (const date of [day('11-25'), day('11-26')]) {
      // One pending run, at 18:00 in Shanghai (10:00 UTC), whichever worker scheduled it.
      const pending = await waitFor(`one pending run for ${date}`, async () => {
        const found = await pendingRuns('daily-cycle');
        return found.length === 1 && found;
      });
      expect(pending).toHaveLength(1);
      expect(fireTime(pending[0])).toBe(`${date}T10:00:00.000Z`);
      await clock.set(shanghai(date.slice(5), '18:00:30'));
      await promote(pending[0]);

      const view = await finishedCycle(t, w.commander, date);
      expect(view.cycle).toMatchObject({ status: 'done', attempts: 1, detail: { date } });
      expect(view.jobs.map((step) => [step.name, step.attempts])).toEqual([
        ['report', 1],
        ['review', 1],
        ['dispatch', 1],
      ]);
      expect(view.jobs.map((step) => step.status)).toEqual(
        date === day('11-25') ? ['done', 'done', 'done'] : ['done', 'done', 'skipped'], // 25th's tasks carry over
      );
      expectStepsInOrder(view);
      await expectRanOnce(pending[0].id!);
      expect(await countRows(t.dataSource, 'daily_report', 'date', date)).toBe(1);
      expect(await countRows(t.dataSource, 'daily_review', 'date', date)).toBe(1);
    }
    expect(await countRows(t.dataSource, 'task', 'cycle_date', day('11-25'))).toBe(4);
    // Removed before the next test moves the clock past the 27th's 18:00.
    await queue.queue.removeJobScheduler('daily-cycle');
    expect(await pendingRuns('daily-cycle')).toHaveLength(0);
  });

  it('gives a scheduled run the business date of its fire time in Shanghai: 23:59 → that day, 00:01 → the next', async () => {
    // Visits on both sides of midnight in Shanghai, entered just after it.
    t.clock.set(shanghai('11-28', '00:02:00'));
    for (const [key, visitedAt, date] of [
      ['H1', shanghai('11-27', '23:59:00'), day('11-27')], // 15:59 UTC on the 27th
      ['H2', shanghai('11-28', '00:01:00'), day('11-28')], // 16:01 UTC on the 27th
    ]) {
      const response = await t.http
        .post(`/api/v1/households/${h[key].id}/visits`)
        .set(auth(w.cadre.token))
        .send({ visitedAt, method: 'in_person', summary: '走访' });
      expect(response.status).toBe(201);
      expect(response.body.businessDate).toBe(date);
    }
    // The workers' clock: 00:05 on the 28th in Shanghai, still the 27th in UTC. Neither "now" nor the server's zone
    // may decide the date: 23:59 → the 27th, 00:01 → the 28th.
    await clock.set(shanghai('11-28', '00:05:00'));

    const cases = [
      { id: 'tz-before-midnight', pattern: '59 23 27 11 *', fires: `${day('11-27')}T15:59:00.000Z` },
      { id: 'tz-after-midnight', pattern: '1 0 28 11 *', fires: `${day('11-27')}T16:01:00.000Z` },
    ];
    for (const [index, { id, pattern, fires }] of cases.entries()) {
      const date = day(index === 0 ? '11-27' : '11-28');
      // One at a time, so the two dates' dispatches do not overlap. The workers' clock is past the fire time, so
      // the first of them to look takes the run at once (or the promotion hands it over).
      const pending = (await queue.queue.upsertJobScheduler(
        id,
        { pattern, tz: 'Asia/Shanghai' },
        { name: JobName.DailyCycle, data: { scheduled: true } },
      ))!;
      expect(fireTime(pending)).toBe(fires);
      await promote(pending);

      const view = await finishedCycle(t, w.commander, date);
      expect(view.cycle).toMatchObject({ status: 'done', attempts: 1, detail: { date } });
      expect(view.jobs.map((step) => [step.name, step.status, step.attempts])).toEqual([
        ['report', 'done', 1],
        ['review', 'done', 1],
        ['dispatch', 'skipped', 1], // the 25th's tasks are still open: carried over
      ]);
      expectStepsInOrder(view);
      await expectRanOnce(pending.id!);
      await queue.queue.removeJobScheduler(id);

      const body = await report(date);
      expect(body.totals).toMatchObject({ households: 4, visits: 1, householdsVisited: 1 });
      const cadre = body.byCadre.find((row: { cadreId: string }) => row.cadreId === w.cadre.id);
      expect(cadre).toMatchObject({ visitedToday: 1 });
    }

    // One cycle run per date, each fired and run once.
    const cycles = await runsOf(t.dataSource, JobName.DailyCycle);
    expect(cycles.map((run) => [run.key, run.status, run.attempts])).toEqual([
      [day('11-25'), 'done', 1],
      [day('11-26'), 'done', 1],
      [day('11-27'), 'done', 1],
      [day('11-28'), 'done', 1],
    ]);
    expect(await runs.get(JobName.DailyReport, day('11-28'))).toMatchObject({ status: 'done', attempts: 1 });
  });
});
