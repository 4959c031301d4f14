// The server's zone must not matter: this process and the worker processes run with TZ=UTC.
process.env.TZ = 'UTC';

import { BullmqJobQueue } from '../../src/jobs/drivers/bullmq-job-queue';
import { JobName } from '../../src/jobs/job-catalogue';
import { bullJobId } from '../../src/jobs/job-ids';
import { JobQueue } from '../../src/jobs/job-queue';
import { JobRunsService } from '../../src/jobs/job-runs.service';
import { addDays } from '../../src/common/time/business-clock';
import { auth, Factory, World } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';
import {
  activeOn,
  columnValues,
  countRows,
  deletePrefix,
  expectStepsInOrder,
  finishedCycle,
  processedOn,
  runsOfDate,
  settledJob,
  sleep,
  slowReport,
} from './support/cycle-kit';
import {
  bullEnv,
  outboxRows,
  REDIS_URL,
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
 * The workers keep the real clock, so the dates are in the past (the report refuses dates still to come) and far
 * enough back that every household is overdue for a visit whenever this runs (7-day interval).
 */
const D = '2026-11-10';
const NEXT = addDays(D, 1);
/** The date whose report the workers compute slowly (3 s), to kill one in the middle of it. */
const SLOW = '2026-11-05';
const at = (date: string, time: string) => `${date}T${time}+08:00`;

/**
 * The daily cycle through BullMQ on a real Redis: the API (RUN_WORKERS unset, so it runs no jobs) queues it, two
 * worker processes (src/worker.ts, TZ=UTC) on the same database run it.
 */
describe('daily cycle on BullMQ: API + two worker processes (TZ=UTC)', () => {
  const prefix = uniquePrefix('cycle');
  let t: TestApp;
  let w: World;
  let queue: BullmqJobQueue;
  let runs: JobRunsService;
  let workers: WorkerProcess[] = [];
  const h: Record<string, Record<string, any>> = {};

  const runDate = async (date: string) => {
    const started = await t.http.post(`/api/v1/cycle/${date}/run`).set(auth(w.commander));
    expect(started.status).toBe(202);
    return started.body as { date: string; jobs: { name: string; status: string }[] };
  };
  const report = async (date: string) => {
    const response = await t.http.get(`/api/v1/reports/daily/${date}`).set(auth(w.commander));
    expect(response.status).toBe(200);
    return response.body;
  };
  const snapshotsOf = async (date: string) => ({
    reports: await countRows(t.dataSource, 'daily_report', 'date', date),
    reviews: await countRows(t.dataSource, 'daily_review', 'date', date),
    tasks: await columnValues(t.dataSource, 'task', 'id', 'cycle_date', date),
    taskTargets: await columnValues(t.dataSource, 'task', 'target_id', 'cycle_date', date),
    notifications: await columnValues(t.dataSource, 'notification', 'id', 'dedupe_key', `dispatch:${date}`),
  });

  beforeAll(async () => {
    t = await createTestApp(bullEnv(prefix));
    queue = t.app.get(JobQueue) as BullmqJobQueue;
    runs = t.app.get(JobRunsService);
    // The workers start (a few seconds) while the data set is built; they share the test's database and prefix.
    const env = { TZ: 'UTC', ...slowReport([SLOW], 3000) };
    workers = [spawnWorker(env), spawnWorker(env)];

    const f = new Factory(t);
    w = await f.world();
    t.clock.set(`${addDays(D, -10)}T02:00:00Z`);
    h.H1 = await f.household(w);
    h.H2 = await f.household(w, { flags: ['low_income'] });
    h.H3 = await f.household(w, { villageId: w.otherVillageId, cadreId: w.otherCadre.id });
    h.H4 = await f.household(w);
    // Visits on both sides of midnight in Shanghai (16:00 UTC), entered two days later.
    t.clock.set(`${addDays(D, 2)}T02:00:00Z`);
    const visits: [string, string, string, string][] = [
      ['H1', w.cadre.token, at(addDays(D, -1), '23:59:00'), addDays(D, -1)], // 15:59Z on D-1
      ['H1', w.cadre.token, at(D, '00:01:00'), D], // 16:01Z on D-1: Shanghai's D
      ['H2', w.cadre.token, at(D, '23:59:00'), D], // 15:59Z on D
      ['H3', w.otherCadre.token, at(NEXT, '00:01:00'), NEXT], // 16:01Z on D, UTC's D: Shanghai's D+1
    ];
    for (const [key, token, visitedAt, businessDate] of visits) {
      const response = await t.http
        .post(`/api/v1/households/${h[key].id}/visits`)
        .set(auth(token))
        .send({ visitedAt, method: 'in_person', summary: '走访' });
      expect(response.status).toBe(201);
      expect(response.body.businessDate).toBe(businessDate);
    }
    await Promise.all(workers.map((worker) => waitForWorkerReady(worker)));
  });

  afterAll(async () => {
    if (process.env.DEBUG_WORKERS) console.log(workers.map((x) => x.output()).join('\n-----\n'));
    await Promise.all(workers.map((worker) => stopProcess(worker.child, 'SIGKILL')));
    await queue.queue.obliterate({ force: true });
    await t.close();
    await deletePrefix(REDIS_URL, prefix);
  });

  it('runs cycle → report → review → dispatch on a worker process, for the date in Shanghai', async () => {
    const started = await runDate(D);
    expect(started.jobs.map((job) => job.name)).toEqual(['report', 'review', 'dispatch']);
    const view = await finishedCycle(t, w.commander, D);

    expect(view.cycle).toMatchObject({
      status: 'done',
      attempts: 1,
      error: null,
      detail: { date: D, steps: { report: 'done', review: 'done', dispatch: 'done' } },
    });
    expect(view.jobs.map((step) => [step.name, step.status, step.attempts])).toEqual([
      ['report', 'done', 1],
      ['review', 'done', 1],
      ['dispatch', 'done', 1],
    ]);
    expectStepsInOrder(view);
    // A worker process ran it, not the API (which has no worker).
    expect(await processedOn(queue, bullJobId(`cycle:${D}`), workers)).toBeDefined();

    // 日汇报 for D: H1's 00:01 visit and H2's 23:59 visit; not H1's 23:59 on D-1 nor H3's 00:01 on D+1.
    const body = await report(D);
    expect(body.date).toBe(D);
    expect(body.totals).toEqual({
      households: 4,
      visits: 2,
      householdsVisited: 2,
      intentChanges: 0,
      stageMoves: 0,
      problemsOpened: 0,
      problemsClosed: 0,
      problemsOverdue: 0,
      approvalsPending: 0,
      priorityHouseholdsTouched: 1, // H2, low income
    });
    const village = (id: string) => body.byVillage.find((row: { id: string }) => row.id === id);
    expect(village(w.villageId)).toMatchObject({ households: 3, visits: 2, householdsVisited: 2 });
    expect(village(w.otherVillageId)).toMatchObject({ households: 1, visits: 0 });
    const cadre = (id: string) => body.byCadre.find((row: { cadreId: string }) => row.cadreId === id);
    expect(cadre(w.cadre.id)).toMatchObject({ assigned: 3, visitedToday: 2, overdueVisits: 1 }); // H4
    expect(cadre(w.otherCadre.id)).toMatchObject({ assigned: 1, visitedToday: 0, overdueVisits: 0 });

    // 日梳理 stored once; 日调度: every household is overdue for a visit by now, one task each, to its cadre.
    expect(view.jobs[1].detail).toMatchObject({ overdue: { visits: 4 } });
    expect(view.jobs[2].detail).toMatchObject({ created: 4, carriedOver: 0, notified: 2 });
    const snapshots = await snapshotsOf(D);
    expect(snapshots).toMatchObject({ reports: 1, reviews: 1 });
    expect(snapshots.taskTargets).toEqual([h.H1.id, h.H2.id, h.H3.id, h.H4.id].sort());
    expect(snapshots.notifications).toHaveLength(2); // the two cadres, once each
    const tasks = (await t.http.get(`/api/v1/tasks?date=${D}`).set(auth(w.commander))).body;
    expect(tasks.total).toBe(4);
  });

  it("counts the 00:01 visit in the next day's report, and carries the open tasks over", async () => {
    await runDate(NEXT);
    const view = await finishedCycle(t, w.commander, NEXT);
    expect(view.jobs.map((step) => [step.name, step.status])).toEqual([
      ['report', 'done'],
      ['review', 'done'],
      ['dispatch', 'skipped'], // nothing new: D's tasks are still open
    ]);
    expectStepsInOrder(view);
    const body = await report(NEXT);
    expect(body.totals).toMatchObject({ households: 4, visits: 1, householdsVisited: 1 });
    const other = body.byVillage.find((row: { id: string }) => row.id === w.otherVillageId);
    expect(other).toMatchObject({ visits: 1, householdsVisited: 1 });
    expect(view.jobs[2].detail).toMatchObject({ created: 0, carriedOver: 4 });
    expect(await countRows(t.dataSource, 'task', 'cycle_date', NEXT)).toBe(0);
  });

  it('creates nothing new when a date runs again: a second POST, the same job id delivered again, a rerun', async () => {
    const before = { snapshots: await snapshotsOf(D), report: await report(D) };
    const cycleId = bullJobId(`cycle:${D}`);

    // A second POST: 202; its outbox row goes out, but the job id is still in Redis (completed), so nothing runs.
    const again = await runDate(D);
    expect(again.jobs.map((job) => job.status)).toEqual(['done', 'done', 'done']);
    await waitFor('outbox drained', async () =>
      (await outboxRows(t.dataSource)).every((row) => row.sentAt !== null),
    );
    await sleep(500);
    const kept = await queue.queue.getJob(cycleId);
    expect(await kept!.getState()).toBe('completed');
    expect(kept!.attemptsStarted).toBe(1);

    // The same job id delivered again (its record gone from Redis, as after a restart without persistence): a
    // worker takes it, and the run record says it already completed.
    await kept!.remove();
    await queue.enqueue(JobName.DailyCycle, { date: D });
    const redelivered = await settledJob(queue, cycleId);
    expect(await redelivered.getState()).toBe('completed');
    expect(redelivered.returnvalue).toEqual({
      status: 'skipped',
      detail: { reason: 'already completed', previous: 'done' },
    });
    expect(await runsOfDate(runs, D)).toEqual({
      cycle: ['done', 1],
      report: ['done', 1],
      review: ['done', 1],
      dispatch: ['done', 1],
    });

    // Even a forced rerun runs every step again and each finds its output there.
    const rerun = await queue.enqueue(JobName.DailyCycle, { date: D }, { rerun: true });
    const rerunJob = await settledJob(queue, bullJobId(rerun.id));
    expect(rerunJob.returnvalue).toEqual({
      status: 'done',
      detail: { date: D, steps: { report: 'skipped', review: 'skipped', dispatch: 'skipped' } },
    });

    expect(await snapshotsOf(D)).toEqual(before.snapshots);
    expect(await report(D)).toEqual(before.report);
    expect(before.snapshots).toMatchObject({ reports: 1, reviews: 1 });
    expect(before.snapshots.tasks).toHaveLength(4);
  });

  it('retries on the other worker a cycle whose worker was SIGKILLed in the middle of the report: one snapshot, one task set', async () => {
    await runDate(SLOW);
    // The report step is claimed ('running') and computing (3 s for this date in these workers): kill its worker.
    await waitFor(
      'report running',
      async () => (await runs.get(JobName.DailyReport, SLOW))?.status === 'running',
    );
    const victim = await waitFor('the worker running it', () =>
      activeOn(queue, bullJobId(`cycle:${SLOW}`), workers),
    );
    const survivor = workers.find((worker) => worker !== victim)!;
    await stopProcess(victim.child, 'SIGKILL');
    expect(victim.child.signalCode).toBe('SIGKILL');
    expect(await countRows(t.dataSource, 'daily_report', 'date', SLOW)).toBe(0); // killed before storing it
    expect(await runs.get(JobName.DailyReport, SLOW)).toMatchObject({ status: 'running', attempts: 1 });

    // BullMQ sees the job stalled (lock 2 s), the survivor takes it; the dead worker's job_runs lease has expired.
    const view = await finishedCycle(t, w.commander, SLOW, 30_000);
    expect(view.cycle).toMatchObject({ status: 'done', attempts: 2, error: null });
    expect(view.jobs.map((step) => [step.name, step.status, step.attempts])).toEqual([
      ['report', 'done', 2],
      ['review', 'done', 1],
      ['dispatch', 'done', 1],
    ]);
    expectStepsInOrder(view);
    expect(await processedOn(queue, bullJobId(`cycle:${SLOW}`), workers)).toBe(survivor);

    const snapshots = await snapshotsOf(SLOW);
    expect(snapshots).toMatchObject({ reports: 1, reviews: 1 });
    // An earlier date than D: no open task from before it, so every household gets one, once.
    expect(snapshots.taskTargets).toEqual([h.H1.id, h.H2.id, h.H3.id, h.H4.id].sort());
    expect((await report(SLOW)).totals).toMatchObject({ households: 4, visits: 0 });
  });
});
