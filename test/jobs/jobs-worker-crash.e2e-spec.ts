import { BullmqJobQueue } from '../../src/jobs/drivers/bullmq-job-queue';
import { JobName } from '../../src/jobs/job-catalogue';
import { JobQueue } from '../../src/jobs/job-queue';
import { JobRunsService } from '../../src/jobs/job-runs.service';
import { createTestApp, TestApp } from '../support/test-app';
import {
  bullEnv,
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

describe('jobs, BullMQ: worker processes that die or are stopped', () => {
  const prefix = uniquePrefix('crash');
  let t: TestApp;
  let queue: BullmqJobQueue;
  let runs: JobRunsService;
  let workers: WorkerProcess[] = [];

  beforeAll(async () => {
    // The API process runs no workers (RUN_WORKERS unset): the two child processes do the work.
    t = await createTestApp(bullEnv(prefix));
    queue = t.app.get(JobQueue) as BullmqJobQueue;
    runs = t.app.get(JobRunsService);
    workers = [spawnWorker({}), spawnWorker({})];
    await Promise.all(workers.map((worker) => waitForWorkerReady(worker)));
  });
  afterAll(async () => {
    if (process.env.DEBUG_WORKERS) console.log(workers.map((w) => w.output()).join('\n-----\n'));
    await Promise.all(workers.map((worker) => stopProcess(worker.child, 'SIGKILL')));
    await queue.queue.obliterate({ force: true });
    await t.close();
  });

  const workerRunning = async (jobId: string) => {
    const job = await queue.queue.getJob(jobId);
    const owner = job && (await job.getState()) === 'active' ? job.processedBy : undefined;
    return owner ? workers.find((worker) => owner.endsWith(`:${worker.child.pid}`)) : undefined;
  };

  it('retries on another worker a job whose worker was SIGKILLed mid-run, and records the result once', async () => {
    await queue.enqueue(JobName.Ping, { key: 'crash', sleepMs: 3000 });
    await waitFor('crash running', async () => (await runs.get(JobName.Ping, 'crash'))?.status === 'running');
    const victim = await waitFor('the worker running it', () => workerRunning('job:ping:crash'));
    const survivor = workers.find((worker) => worker !== victim)!;
    await stopProcess(victim.child, 'SIGKILL');

    const run = await waitFor(
      'crash done on the survivor',
      async () => {
        const found = await runs.get(JobName.Ping, 'crash');
        return found?.status === 'done' && found;
      },
      25_000,
    );
    expect(run).toMatchObject({ attempts: 2, error: null });
    expect(run.detail).toMatchObject({ pid: survivor.child.pid, attempt: 2 });
    expect((await runsOf(t.dataSource, 'ping')).filter((row) => row.key === 'crash')).toHaveLength(1);
    const job = await queue.queue.getJob('job:ping:crash');
    expect(await job!.getState()).toBe('completed');
    expect(job!.processedBy).toMatch(new RegExp(`:${survivor.child.pid}$`));
  });

  it('lets the running job finish when a worker gets SIGTERM, then exits', async () => {
    const survivor = workers.find(
      (worker) => worker.child.exitCode === null && worker.child.signalCode === null,
    )!;
    await queue.enqueue(JobName.Ping, { key: 'graceful', sleepMs: 1500 });
    await waitFor(
      'graceful running',
      async () => (await runs.get(JobName.Ping, 'graceful'))?.status === 'running',
    );
    const exited = new Promise((resolve) =>
      survivor.child.once('exit', (code, signal) => resolve({ code, signal })),
    );
    survivor.child.kill('SIGTERM');
    // Nest closes the app (worker.close() waits for the running job), then re-raises SIGTERM to exit.
    expect(await exited).toEqual({ code: null, signal: 'SIGTERM' });
    // The job had finished, in that process, before it exited.
    expect(await runs.get(JobName.Ping, 'graceful')).toMatchObject({
      status: 'done',
      attempts: 1,
      detail: { pid: survivor.child.pid, attempt: 1 },
    });
  });
});
