import cluster, { Worker } from 'node:cluster';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppConfig } from '../config/app-config';
import {
  ANNOUNCE,
  CLOSED,
  CLOSED_SEEN,
  CLUSTER_SHUTDOWN,
  isWriterReady,
  WriterMoved,
} from './cluster-messages';

const STOP_GRACE_MS = 30_000;
const RESTART_DELAY_MS = 500;
const MAX_RESTART_DELAY_MS = 30_000;
const WRITER_HANDOVER_MS = 1000;

interface Slot {
  /** 1…N for the HTTP processes, 0 for the writer. */
  index: number;
  worker: Worker | null;
  /** Listening on the port (an HTTP process) or on its socket (the writer). */
  up: boolean;
  /** Whether any process of this slot was ever up: a first start that fails is not retried. */
  upOnce: boolean;
  /** Crashes in a row without a minute of uptime in between: how long the next restart waits. */
  crashes: number;
  startedAt: number;
}

/**
 * The primary of `API_PROCESSES=N` (N > 1): it serves nothing itself and loads none of the application.
 *
 * On PostgreSQL it starts HTTP process 1 first, which runs the migrations, the admin bootstrap and `--seed-demo` as
 * a lone process would, and the others once it listens. On SQLite it starts the **writer** first — the one process
 * that writes the file: it migrates, bootstraps, seeds, runs the jobs, the audit sealer and the outbox relay, and
 * listens only on a socket in a private directory — and then N **readers**: HTTP processes that read the file
 * read-only and hand every write to the writer (writer-link.ts, writer-proxy.ts).
 *
 * Node's cluster hands each new connection to an HTTP process in turn. A process that dies is started again (at
 * once, then backing off while it keeps dying); a writer started again listens on a new socket, which the readers
 * are told. SIGTERM or SIGINT asks the HTTP processes to finish their requests and close, then the writer (SIGKILL
 * after 30 s); SIGHUP replaces them one at a time, each new one up before its predecessor is asked to close.
 */
export class ApiCluster {
  private readonly readers: Slot[];
  private readonly writer: Slot | null;
  private readonly socketDir: string | null;
  private socketGeneration = 0;
  private writerSocket: string | null = null;
  private announced = false;
  private stopping = false;
  private exitCode = 0;

  constructor(
    private readonly config: AppConfig,
    private readonly args: string[],
  ) {
    const slot = (index: number): Slot => ({
      index,
      worker: null,
      up: false,
      upOnce: false,
      crashes: 0,
      startedAt: 0,
    });
    this.readers = Array.from({ length: config.apiProcesses.count }, (_, i) => slot(i + 1));
    const sqlite = config.database.kind === 'sqlite';
    this.writer = sqlite ? slot(0) : null;
    // Only this user may reach the writer: the directory is created 0700.
    this.socketDir = sqlite ? mkdtempSync(join(tmpdir(), 'daxingzhai-writer-')) : null;
  }

  start(): void {
    const { count, requested } = this.config.apiProcesses;
    this.log(
      'info',
      `cluster: ${count} API processes (API_PROCESSES=${requested})` +
        (this.writer ? ' and one SQLite writer' : '') +
        `, primary pid ${process.pid}`,
    );
    for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => void this.stop(signal));
    process.on('SIGHUP', () => void this.rollingRestart());
    process.on('exit', () => {
      if (this.socketDir) rmSync(this.socketDir, { recursive: true, force: true });
    });
    if (this.writer) this.forkWriter(true);
    else this.forkReader(this.readers[0], true);
  }

  /** The writer, on a socket of its own: a writer started again must not take over its predecessor's file. */
  private forkWriter(first: boolean): Worker {
    const slot = this.writer!;
    const socket = join(this.socketDir!, `writer-${++this.socketGeneration}.sock`);
    cluster.setupPrimary({ args: first ? this.args : this.args.filter((a) => a !== '--seed-demo') });
    const worker = cluster.fork({
      API_ROLE: 'writer',
      API_WRITER_SOCKET: socket,
      API_START_SUMMARY: first ? '1' : '0',
    });
    this.track(slot, worker);
    worker.on('message', (message: unknown) => {
      if (!isWriterReady(message) || slot.worker !== worker) return;
      this.writerSocket = message.socket;
      this.isUp(slot, worker, `socket ${message.socket}`);
      if (!this.readers.some((reader) => reader.worker)) {
        for (const reader of this.readers) this.forkReader(reader, false);
        return;
      }
      const moved: WriterMoved = { type: 'api:writer-moved', socket: message.socket };
      for (const reader of this.readers) if (reader.worker?.isConnected()) reader.worker.send(moved);
    });
    worker.once('exit', (code, signal) => this.exited(slot, worker, first, code, signal));
    return worker;
  }

  private forkReader(slot: Slot, first: boolean): Worker {
    // --seed-demo and the start summary belong to the very first process only (the writer, when there is one).
    cluster.setupPrimary({ args: first ? this.args : this.args.filter((a) => a !== '--seed-demo') });
    const env: Record<string, string> = {
      API_WORKER: String(slot.index),
      API_START_SUMMARY: first ? '1' : '0',
    };
    // The in-process job driver runs the standing schedules on timers: in one process, not N.
    if (!first) env.JOB_SCHEDULES = 'false';
    if (this.writer)
      Object.assign(env, { API_ROLE: 'reader', API_WRITER_SOCKET: this.writerSocket!, RUN_WORKERS: 'false' });
    const worker = cluster.fork(env);
    this.track(slot, worker);
    worker.once('listening', () => {
      if (slot.worker !== worker) return;
      this.isUp(slot, worker, 'listening');
      if (first) for (const other of this.readers.slice(1)) this.forkReader(other, false);
      if (this.writer && !this.announced && this.writer.worker?.isConnected()) {
        this.announced = true;
        this.writer.worker.send(ANNOUNCE);
      }
    });
    worker.once('exit', (code, signal) => this.exited(slot, worker, first, code, signal));
    return worker;
  }

  private track(slot: Slot, worker: Worker): void {
    worker.on('message', (message: unknown) => {
      if (message === CLOSED && worker.isConnected()) worker.send(CLOSED_SEEN);
    });
    slot.worker = worker;
    slot.up = false;
    slot.startedAt = Date.now();
  }

  private isUp(slot: Slot, worker: Worker, where: string): void {
    slot.up = true;
    slot.upOnce = true;
    const up = this.readers.filter((s) => s.up).length;
    this.log(
      'info',
      slot === this.writer
        ? `cluster: SQLite writer (pid ${worker.process.pid}) ready on ${where.replace(/^socket /, '')}`
        : `cluster: API process ${slot.index} (pid ${worker.process.pid}) ${where}, ${up} of ${this.readers.length}`,
    );
  }

  private name(slot: Slot): string {
    return slot === this.writer ? 'the SQLite writer' : `API process ${slot.index}`;
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
    slot.up = false;
    if (this.stopping) {
      this.stopped();
      return;
    }
    if (first && !slot.upOnce) {
      // The first start failed (configuration, migrations, the database): starting it again would fail again.
      this.log('error', `cluster: ${this.name(slot)} failed to start (${how}); stopping`);
      this.exitCode = 1;
      void this.stop('SIGTERM');
      return;
    }
    slot.crashes = Date.now() - slot.startedAt > 60_000 ? 1 : slot.crashes + 1;
    const delay = Math.min(MAX_RESTART_DELAY_MS, RESTART_DELAY_MS * 2 ** (slot.crashes - 1));
    this.log(
      'error',
      `cluster: ${this.name(slot)} (pid ${worker.process.pid}) exited (${how}); restarting in ${delay} ms` +
        (slot === this.writer ? ' (until then every write is answered 503)' : ''),
    );
    setTimeout(() => {
      if (this.stopping || slot.worker) return;
      if (slot === this.writer) this.forkWriter(false);
      else this.forkReader(slot, false);
    }, delay);
  }

  /** Asks every HTTP process to finish what it is doing and close, then the writer; exits when all have. */
  private async stop(signal: string): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    const alive = [...this.readers, ...(this.writer ? [this.writer] : [])].filter((s) => s.worker);
    this.log('info', `cluster: ${signal}: closing ${alive.length} processes`);
    setTimeout(() => {
      for (const slot of alive) if (slot.worker && !slot.worker.isDead()) slot.worker.process.kill('SIGKILL');
      this.log('error', `cluster: processes still running ${STOP_GRACE_MS} ms after ${signal}: killed`);
      process.exit(1);
    }, STOP_GRACE_MS).unref();
    for (const slot of this.readers) if (slot.worker) this.askToClose(slot.worker);
    this.stopped();
  }

  /** While stopping: the writer closes once no HTTP process can forward to it; the primary once all are gone. */
  private stopped(): void {
    if (this.readers.some((s) => s.worker)) return;
    if (this.writer?.worker) {
      if (this.writer.worker.isConnected()) this.askToClose(this.writer.worker);
      return;
    }
    process.exit(this.exitCode);
  }

  /** SIGHUP: the writer first, then each HTTP process, each new one up before the old one is asked to close. */
  private async rollingRestart(): Promise<void> {
    if (this.stopping) return;
    this.log('info', 'cluster: SIGHUP: replacing the processes one at a time');
    for (const slot of [...(this.writer ? [this.writer] : []), ...this.readers]) {
      const old = slot.worker;
      if (this.stopping) return;
      const replacement = slot === this.writer ? this.forkWriter(false) : this.forkReader(slot, false);
      const up = await new Promise<boolean>((resolve) => {
        if (slot === this.writer)
          replacement.on('message', (m: unknown) => isWriterReady(m) && resolve(true));
        else replacement.once('listening', () => resolve(true));
        replacement.once('exit', () => resolve(false));
      });
      if (!up) {
        this.log('error', `cluster: the replacement of ${this.name(slot)} did not start; restart stopped`);
        return;
      }
      // The readers were told of the new writer as it became ready; give the message time to arrive before the old
      // one stops taking connections (a request sent to it then would be answered 503).
      if (slot === this.writer) await new Promise((resolve) => setTimeout(resolve, WRITER_HANDOVER_MS));
      if (old && !old.isDead()) {
        const gone = new Promise((resolve) => old.once('exit', resolve));
        this.askToClose(old);
        await gone;
      }
    }
    this.log('info', 'cluster: every process replaced');
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
 * In a process of the cluster: close the app when the primary asks (stop or rolling restart). A signal that
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
      () => exitOnceSeen(0),
      () => exitOnceSeen(1),
    );
  });
}

/** Exits once the primary has seen the server closed (cluster-messages.ts, CLOSED), or after 2 s without it. */
function exitOnceSeen(code: number): void {
  const exit = () => process.exit(code);
  if (!process.send || !process.connected) return exit();
  process.on('message', (message) => message === CLOSED_SEEN && exit());
  setTimeout(exit, 2_000);
  process.send(CLOSED);
}
