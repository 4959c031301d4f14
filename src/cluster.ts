import cluster, { Worker } from 'node:cluster';
import { AppConfig } from './config/app-config';

/** What an HTTP process tells the primary, and what the primary tells it (over the cluster's IPC channel). */
export const CLUSTER_SHUTDOWN = 'api:shutdown';

const STOP_GRACE_MS = 30_000;
const RESTART_DELAY_MS = 500;
const MAX_RESTART_DELAY_MS = 30_000;

interface Slot {
  index: number;
  worker: Worker | null;
  listening: boolean;
  /** Whether any process of this slot ever listened: a first start that fails is not retried. */
  listenedOnce: boolean;
  /** Crashes in a row without a minute of uptime in between: how long the next restart waits. */
  crashes: number;
  startedAt: number;
}

/**
 * The primary of `API_PROCESSES=N` (N > 1): it serves nothing itself and loads none of the application. It starts
 * HTTP process 1 first, which runs the migrations, the admin bootstrap and `--seed-demo` as a lone process would,
 * and the others once it listens, so each of those happens once. Node's cluster hands each new connection to a
 * process in turn. A process that dies is started again (at once, then backing off while it keeps dying); SIGTERM
 * or SIGINT asks every process to finish its requests and close (then SIGKILL after 30 s); SIGHUP replaces them one
 * at a time, each new one listening before its predecessor is asked to close.
 */
export class ApiCluster {
  private readonly slots: Slot[];
  private stopping = false;
  private exitCode = 0;

  constructor(
    private readonly config: AppConfig,
    private readonly args: string[],
  ) {
    this.slots = Array.from({ length: config.apiProcesses.count }, (_, i) => ({
      index: i + 1,
      worker: null,
      listening: false,
      listenedOnce: false,
      crashes: 0,
      startedAt: 0,
    }));
  }

  start(): void {
    const { count, requested, note } = this.config.apiProcesses;
    this.log(
      'info',
      `cluster: ${count} API processes (API_PROCESSES=${requested}), primary pid ${process.pid}`,
    );
    if (note) this.log('info', `cluster: ${note}`);
    if (this.config.database.kind === 'sqlite' && count > 1)
      this.log(
        'warn',
        `cluster: ${count} processes on one SQLite file: reads spread over them, but writes take turns on the ` +
          'file lock, and two processes wrote visits more slowly than one (bench/README.md §7, #17)',
      );
    for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => void this.stop(signal));
    process.on('SIGHUP', () => void this.rollingRestart());
    this.fork(this.slots[0], true);
  }

  private fork(slot: Slot, first: boolean): Worker {
    // --seed-demo and the start summary belong to the very first process only.
    cluster.setupPrimary({ args: first ? this.args : this.args.filter((a) => a !== '--seed-demo') });
    const env: Record<string, string> = {
      API_WORKER: String(slot.index),
      API_START_SUMMARY: first ? '1' : '0',
    };
    // The in-process job driver runs the standing schedules on timers: in one process, not N.
    if (slot.index > 1) env.JOB_SCHEDULES = 'false';
    const worker = cluster.fork(env);
    slot.worker = worker;
    slot.listening = false;
    slot.startedAt = Date.now();
    worker.once('listening', () => {
      if (slot.worker !== worker) return;
      slot.listening = true;
      slot.listenedOnce = true;
      if (first) for (const other of this.slots.slice(1)) this.fork(other, false);
      const up = this.slots.filter((s) => s.listening).length;
      this.log(
        'info',
        `cluster: API process ${slot.index} (pid ${worker.process.pid}) listening, ${up} of ${this.slots.length}`,
      );
    });
    worker.once('exit', (code, signal) => this.exited(slot, worker, first, code, signal));
    return worker;
  }

  private exited(
    slot: Slot,
    worker: Worker,
    first: boolean,
    code: number | null,
    signal: string | null,
  ): void {
    const how = signal ? `signal ${signal}` : `code ${code}`;
    if (slot.worker !== worker) return; // replaced by a rolling restart: its exit was asked for
    slot.worker = null;
    slot.listening = false;
    if (this.stopping) {
      if (this.slots.every((s) => !s.worker)) process.exit(this.exitCode);
      return;
    }
    if (first && !slot.listenedOnce) {
      // The first start failed (configuration, migrations, the database): starting it again would fail again.
      this.log('error', `cluster: API process ${slot.index} failed to start (${how}); stopping`);
      this.exitCode = 1;
      void this.stop('SIGTERM');
      return;
    }
    slot.crashes = Date.now() - slot.startedAt > 60_000 ? 1 : slot.crashes + 1;
    const delay = Math.min(MAX_RESTART_DELAY_MS, RESTART_DELAY_MS * 2 ** (slot.crashes - 1));
    this.log(
      'error',
      `cluster: API process ${slot.index} (pid ${worker.process.pid}) exited (${how}); restarting in ${delay} ms`,
    );
    setTimeout(() => {
      if (!this.stopping && !slot.worker) this.fork(slot, false);
    }, delay);
  }

  /** Asks every process to finish what it is doing and close; exits when all have. */
  private async stop(signal: string): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    this.log(
      'info',
      `cluster: ${signal}: closing ${this.slots.filter((s) => s.worker).length} API processes`,
    );
    const workers = this.slots.map((s) => s.worker).filter((w): w is Worker => !!w);
    if (workers.length === 0) process.exit(this.exitCode);
    for (const worker of workers) this.askToClose(worker);
    setTimeout(() => {
      for (const worker of workers) if (!worker.isDead()) worker.process.kill('SIGKILL');
      this.log('error', `cluster: API processes still running ${STOP_GRACE_MS} ms after ${signal}: killed`);
      process.exit(1);
    }, STOP_GRACE_MS).unref();
  }

  /** SIGHUP: a new process per slot, listening before the old one is asked to close, one slot at a time. */
  private async rollingRestart(): Promise<void> {
    if (this.stopping) return;
    this.log('info', 'cluster: SIGHUP: replacing the API processes one at a time');
    for (const slot of this.slots) {
      const old = slot.worker;
      if (this.stopping) return;
      const replacement = this.fork(slot, false);
      const up = await new Promise<boolean>((resolve) => {
        replacement.once('listening', () => resolve(true));
        replacement.once('exit', () => resolve(false));
      });
      if (!up) {
        this.log(
          'error',
          `cluster: the replacement of API process ${slot.index} did not start; restart stopped`,
        );
        return;
      }
      if (old && !old.isDead()) {
        const gone = new Promise((resolve) => old.once('exit', resolve));
        this.askToClose(old);
        await gone;
      }
    }
    this.log('info', 'cluster: every API process replaced');
  }

  private askToClose(worker: Worker): void {
    if (worker.isConnected()) worker.send(CLUSTER_SHUTDOWN);
    else worker.process.kill('SIGTERM');
  }

  /** The primary has no Nest logger (it loads none of the application): lines in the same two formats. */
  private log(level: 'info' | 'warn' | 'error', msg: string): void {
    if (this.config.logLevel === 'silent') return;
    if (this.config.logFormat === 'json') {
      const levels = { info: 30, warn: 40, error: 50 };
      process.stdout.write(
        `${JSON.stringify({ level: levels[level], time: Date.now(), pid: process.pid, msg })}\n`,
      );
    } else {
      const time = new Date().toTimeString().slice(0, 8);
      process.stdout.write(`[${time}] ${level.toUpperCase()}: ${msg}\n`);
    }
  }
}

/**
 * In an HTTP process of the cluster: close the app when the primary asks (stop or rolling restart). A signal that
 * reached the process directly (Ctrl-C reaches the whole group) is Nest's shutdown hook's; whichever comes first
 * closes, the other does nothing.
 */
export function closeOnPrimaryRequest(close: () => Promise<void>): void {
  let closing = false;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => (closing = true));
  process.on('message', (message) => {
    if (message !== CLUSTER_SHUTDOWN || closing) return;
    closing = true;
    close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
