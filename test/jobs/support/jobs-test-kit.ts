import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { JobRunEntity } from '../../../src/jobs/entities/job-run.entity';
import { OutboxMessageEntity } from '../../../src/jobs/entities/outbox-message.entity';

export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const ROOT = join(__dirname, '..', '..', '..');

/** A BullMQ key prefix no other test file (or run) shares. */
export function uniquePrefix(label: string): string {
  return `bull-test-${label}-${process.pid}-${Date.now()}`;
}

/** Env for an app or worker in BullMQ mode with short timings, so retries and take-overs happen in seconds. */
export function bullEnv(prefix: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    REDIS_URL,
    JOB_QUEUE_PREFIX: prefix,
    JOB_BACKOFF_MS: '200',
    JOB_LOCK_MS: '2000',
    OUTBOX_POLL_MS: '300',
    JOB_SCHEDULES: 'false',
    ...extra,
  };
}

export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined | null | false>,
  timeoutMs = 15_000,
  intervalMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${last}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

export const runsOf = (dataSource: DataSource, name: string) =>
  dataSource.getRepository(JobRunEntity).find({ where: { name }, order: { id: 'ASC' } });

export const outboxRows = (dataSource: DataSource) =>
  dataSource.getRepository(OutboxMessageEntity).find({ order: { id: 'ASC' } });

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** A redis-server of our own (no persistence) on a port of our own: the shared one on 6379 is never touched. */
export async function startRedis(port: number): Promise<ChildProcess> {
  const redis = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  const { default: IORedis } = await import('ioredis');
  await waitFor(`redis on ${port}`, async () => {
    const client = new IORedis(port, '127.0.0.1', { lazyConnect: true, maxRetriesPerRequest: 0 });
    client.on('error', () => undefined);
    try {
      await client.connect();
      return (await client.ping()) === 'PONG';
    } finally {
      client.disconnect();
    }
  });
  return redis;
}

export async function stopProcess(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill(signal);
  await exited;
}

export interface WorkerProcess {
  child: ChildProcess;
  output: () => string;
}

/**
 * src/worker.ts in a child process of its own, on the test's database and prefix (the env of this process, which
 * createTestApp set), transpiled without type-check like ts-node/register/transpile-only, with a disk cache.
 */
export function spawnWorker(env: Record<string, string>): WorkerProcess {
  let output = '';
  const child = spawn(process.execPath, ['-r', join(__dirname, 'ts-register.js'), 'src/worker.ts'], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output };
}

export function waitForWorkerReady(worker: WorkerProcess, timeoutMs = 50_000): Promise<true> {
  return waitFor(
    `worker ${worker.child.pid} ready`,
    async () => {
      if (worker.child.exitCode !== null) throw new Error(`worker exited: ${worker.output()}`);
      return worker.output().includes('ready (concurrency') || undefined;
    },
    timeoutMs,
    100,
  ).then(() => true as const);
}
