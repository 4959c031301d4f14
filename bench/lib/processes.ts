import { ChildProcess, spawn } from 'node:child_process';
import { openSync, readdirSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

/** A child process we started, its log file, and its memory (VmRSS) and CPU as it runs. */
export class ServerProcess {
  readonly child: ChildProcess;
  private exited = false;
  private readonly sampler: NodeJS.Timeout;
  private phase = 'startup';
  /** highest VmRSS (MB) seen in each phase */
  readonly maxRssByPhase = new Map<string, number>();
  maxRss = 0;

  constructor(
    readonly name: string,
    command: string,
    args: string[],
    options: { cwd: string; env: NodeJS.ProcessEnv; logFile: string },
  ) {
    const log = openSync(options.logFile, 'a');
    this.child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', log, log] });
    this.child.on('exit', () => (this.exited = true));
    this.sampler = setInterval(() => this.sample(), 200);
    this.sampler.unref();
  }

  get pid(): number {
    return this.child.pid!;
  }

  get alive(): boolean {
    return !this.exited;
  }

  /** Starts a new phase for the RSS figures. */
  mark(phase: string): void {
    this.sample();
    this.phase = phase;
  }

  /** The process and its descendants (the workers of an API started with API_PROCESSES > 1), by /proc. */
  tree(): number[] {
    const children = new Map<number, number[]>();
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      const fields = statFields(Number(entry));
      if (!fields) continue;
      const parent = Number(fields[1]);
      if (!children.has(parent)) children.set(parent, []);
      children.get(parent)!.push(Number(entry));
    }
    const pids = [this.pid];
    for (let i = 0; i < pids.length; i++) pids.push(...(children.get(pids[i]) ?? []));
    return pids;
  }

  /** Resident memory (VmRSS) of the whole tree: the primary and its workers together. */
  private sample(): void {
    if (this.exited) return;
    let kb = 0;
    for (const pid of this.tree()) {
      try {
        kb += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
      } catch {
        // the process is exiting
      }
    }
    const mb = kb / 1024;
    this.maxRss = Math.max(this.maxRss, mb);
    this.maxRssByPhase.set(this.phase, Math.max(this.maxRssByPhase.get(this.phase) ?? 0, mb));
  }

  /**
   * CPU seconds (user + system) used so far by the process and its live descendants, plus what its exited and
   * reaped children used (cutime + cstime): with cluster workers the primary alone does almost nothing.
   */
  cpuSeconds(): number {
    const root = statFields(this.pid);
    if (!root) return NaN;
    let ticks = Number(root[13]) + Number(root[14]);
    for (const pid of this.tree()) {
      const fields = statFields(pid);
      if (fields) ticks += Number(fields[11]) + Number(fields[12]);
    }
    return ticks / 100;
  }

  signal(signal: NodeJS.Signals): void {
    if (!this.exited) this.child.kill(signal);
  }

  /** SIGTERM, then SIGKILL if it has not exited within `graceMs`. */
  async stop(graceMs = 15_000): Promise<void> {
    clearInterval(this.sampler);
    if (this.exited) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.kill('SIGTERM');
    const outcome = await Promise.race([exited.then(() => 'exited'), sleep(graceMs).then(() => 'timeout')]);
    if (outcome === 'timeout') {
      this.child.kill('SIGKILL');
      await exited;
    }
  }
}

/** Polls `check` every `intervalMs` until it returns true, at most `attempts` times. */
export async function waitFor(
  what: string,
  check: () => Promise<boolean>,
  attempts: number,
  intervalMs: number,
  process?: ServerProcess,
): Promise<void> {
  for (let i = 0; i < attempts; i++) {
    if (process && !process.alive) throw new Error(`${process.name} exited while starting; see its log`);
    if (await check().catch(() => false)) return;
    await sleep(intervalMs);
  }
  throw new Error(`${what} did not become ready within ${(attempts * intervalMs) / 1000} s`);
}

/** The fields of /proc/<pid>/stat after the command name (fields[1] is the parent, [11]/[12] utime/stime). */
function statFields(pid: number): string[] | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}
