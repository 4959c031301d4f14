import IORedis from 'ioredis';
import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { BullmqJobQueue } from '../../../src/jobs/drivers/bullmq-job-queue';
import { JobName } from '../../../src/jobs/job-catalogue';
import { JobRunsService } from '../../../src/jobs/job-runs.service';
import { auth } from '../../support/factories';
import { TestApp } from '../../support/test-app';
import { waitFor, WorkerProcess } from './jobs-test-kit';

/** Helpers for the daily-cycle tests on BullMQ (test/jobs/cycle-bullmq*.e2e-spec.ts). */

export const PRELOADS = {
  fakeClock: join(__dirname, 'fake-clock.preload.js'),
  slowReport: join(__dirname, 'slow-report.preload.js'),
};

/** NODE_OPTIONS for a worker child that preloads the given files (spawnWorker passes it through its env). */
export function preloading(...files: string[]): { NODE_OPTIONS: string } {
  const options = [process.env.NODE_OPTIONS ?? '', ...files.map((file) => `--require ${file}`)];
  return { NODE_OPTIONS: options.join(' ').trim() };
}

/** Env for workers whose daily report for `dates` takes `ms` longer (see slow-report.preload.js). */
export function slowReport(dates: string[], ms: number): Record<string, string> {
  return {
    ...preloading(PRELOADS.slowReport),
    SLOW_REPORT_DATES: dates.join(','),
    SLOW_REPORT_MS: String(ms),
  };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The clock of worker children started with `env()` (see fake-clock.preload.js): it starts at `start`, runs on
 * in real time, and `set()` moves it for every worker sharing it.
 */
export class WorkerClock {
  private readonly dir = mkdtempSync(join(tmpdir(), 'worker-clock-'));
  private readonly file = join(this.dir, 'offset');
  private offset = 0;

  constructor(start: string | Date) {
    this.write(new Date(start));
  }

  env(): Record<string, string> {
    return { ...preloading(PRELOADS.fakeClock), FAKE_CLOCK_FILE: this.file };
  }

  /** The workers' "now". */
  now(): Date {
    return new Date(Date.now() + this.offset);
  }

  /** Moves the workers' clock to `instant`; resolves once they have read it (they poll every 50 ms). */
  async set(instant: string | Date): Promise<void> {
    this.write(new Date(instant));
    await sleep(200);
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }

  private write(instant: Date): void {
    this.offset = instant.getTime() - Date.now();
    const temporary = `${this.file}.tmp`;
    writeFileSync(temporary, String(this.offset));
    renameSync(temporary, this.file);
  }
}

/** Rows of `table` where `column` = value (the same on SQLite and PostgreSQL). */
export async function countRows(
  dataSource: DataSource,
  table: string,
  column: string,
  value: string,
): Promise<number> {
  const row = await dataSource
    .createQueryBuilder()
    .select('count(*)', 'n')
    .from(table, 'x')
    .where(`x.${column} = :value`, { value })
    .getRawOne<{ n: string | number }>();
  return Number(row?.n ?? 0);
}

/** Values of `select` from `table` where `column` = value, sorted: a set to compare before and after. */
export async function columnValues(
  dataSource: DataSource,
  table: string,
  select: string,
  column: string,
  value: string,
): Promise<string[]> {
  const rows = await dataSource
    .createQueryBuilder()
    .select(`x.${select}`, 'v')
    .from(table, 'x')
    .where(`x.${column} = :value`, { value })
    .getRawMany<{ v: unknown }>();
  return rows.map((row) => String(row.v)).sort();
}

/** The worker process a BullMQ job is active on, if it is active. */
export async function activeOn(
  queue: BullmqJobQueue,
  bullId: string,
  workers: WorkerProcess[],
): Promise<WorkerProcess | undefined> {
  const job = await queue.queue.getJob(bullId);
  const owner = job && (await job.getState()) === 'active' ? job.processedBy : undefined;
  return owner ? workers.find((worker) => owner.endsWith(`:${worker.child.pid}`)) : undefined;
}

/** The worker process that processed (last) a BullMQ job. */
export async function processedOn(
  queue: BullmqJobQueue,
  bullId: string,
  workers: WorkerProcess[],
): Promise<WorkerProcess | undefined> {
  const job = await queue.queue.getJob(bullId);
  return workers.find((worker) => job?.processedBy?.endsWith(`:${worker.child.pid}`));
}

/** A BullMQ job once it has completed (or failed: then the test sees why). */
export async function settledJob(queue: BullmqJobQueue, bullId: string, timeoutMs = 20_000) {
  return waitFor(
    `job ${bullId} settled`,
    async () => {
      const state = await queue.queue.getJobState(bullId);
      // Read the job after it settled: a copy read while it ran has no return value.
      return (state === 'completed' || state === 'failed') && (await queue.queue.getJob(bullId));
    },
    timeoutMs,
  );
}

export interface StepView {
  name: string;
  status: string;
  attempts: number;
  startedAt: string | null;
  finishedAt: string | null;
  error: string | null;
  detail: any;
}

export interface CycleView {
  date: string;
  cycle: StepView | null;
  jobs: StepView[];
}

/** GET /cycle/:date until the cycle run has finished (done, skipped or failed). */
export async function finishedCycle(
  t: TestApp,
  token: string,
  date: string,
  timeoutMs = 25_000,
): Promise<CycleView> {
  return waitFor(
    `cycle ${date} finished`,
    async () => {
      const response = await t.http.get(`/api/v1/cycle/${date}`).set(auth(token));
      const body = response.body as CycleView;
      return body.cycle && ['done', 'skipped', 'failed'].includes(body.cycle.status) && body;
    },
    timeoutMs,
  );
}

/** The cycle ran report → review → dispatch one after another, all inside the cycle run. */
export function expectStepsInOrder(view: CycleView): void {
  const instants = [
    view.cycle!.startedAt,
    ...view.jobs.flatMap((step) => [step.startedAt, step.finishedAt]),
    view.cycle!.finishedAt,
  ].map((iso) => new Date(iso!).getTime());
  expect(view.jobs.map((step) => step.name)).toEqual([
    JobName.DailyReport,
    JobName.DailyReview,
    JobName.DailyDispatch,
  ]);
  expect(instants.every((ms) => Number.isFinite(ms))).toBe(true);
  expect([...instants].sort((a, b) => a - b)).toEqual(instants);
}

/** The job_runs rows of one date: cycle and its steps, as { name: [status, attempts] }. */
export async function runsOfDate(
  runs: JobRunsService,
  date: string,
): Promise<Record<string, [string, number] | null>> {
  const names = [JobName.DailyCycle, JobName.DailyReport, JobName.DailyReview, JobName.DailyDispatch];
  const entries = await Promise.all(
    names.map(async (name) => {
      const run = await runs.get(name, date);
      return [name, run ? ([run.status, run.attempts] as [string, number]) : null] as const;
    }),
  );
  return Object.fromEntries(entries);
}

/** Deletes every Redis key under a test's prefix (after queue.obliterate, whatever else is left). */
export async function deletePrefix(redisUrl: string, prefix: string): Promise<void> {
  const redis = new IORedis(redisUrl, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    await redis.quit().catch(() => redis.disconnect());
  }
}
