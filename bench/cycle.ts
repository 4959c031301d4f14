/**
 * Daily cycle benchmark (issue 4; bench/README.md, "Daily cycle"):
 *
 *   npm run bench:cycle -- --database sqlite:/tmp/cycle-bench/relocation.sqlite [--label sqlite-1]
 *   npm run bench:cycle -- --database postgres://postgres@127.0.0.1:5432/relocation_bench_cycle_seed
 *       [--runs 5] [--floor-file /tmp/cycle-bench/raw-report.sqlite] [--no-floor] [--no-build]
 *       [--in-place] [--keep] [--date YYYY-MM-DD] [--now ISO] [--commit <rev>] [--plan <days>] [--lights N]
 *
 * --database is a generated database (npm run bench:seed). The cycle writes (lights, tasks, snapshots), so
 * every run works on a fresh copy of it (SQLite: <file>.work; PostgreSQL: CREATE DATABASE <name>_work
 * TEMPLATE <name>), removed at the end unless --keep; --in-place uses the database itself.
 *
 * One run: compiles the work tree (src, migrations, bench/cycle-run.ts, bench/cycle-raw.ts) into
 * data/cycle-dist (--commit <rev>: that revision's src and migrations with today's bench entry points); starts the API process (cycle-run: the application context on the copy, clock fixed at
 * the cycle's "now") and a bare driver process (cycle-raw); captures the statements
 * DailyReportRepository.facts sends; then, for --runs rounds, in turning order: the given floor
 * (../shared/floor/raw-report.mjs on its own SQLite file, its "raw report SQL total"; SQLite only),
 * our own raw SQL (those statements through the bare driver), facts() through TypeORM, and
 * DailyReportService.compute(date). Then generate(), ReviewService.run(date), DispatchService.run(date)
 * once each, and review + dispatch again for the next day (clock +24 h; yesterday's tasks carry over).
 * The API's VmRSS is sampled every 100 ms. Results: bench/results/cycle-<label>-<time>.json.
 */
import { ChildProcess, fork, spawn, spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { Client } from 'pg';
import { loadConfig } from '../src/config/app-config';
import { intArg, parseArgs } from './lib/args';
import type { RawCommand } from './cycle-raw';
import type { CapturedQuery, CycleCommand } from './cycle-run';

const ROOT = resolve(__dirname, '..');
const RESULTS = join(ROOT, 'bench', 'results');
const BUILD = join(ROOT, 'data', 'cycle-dist');
const FLOOR_SCRIPT = resolve(ROOT, '..', 'shared', 'floor', 'raw-report.mjs');

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const min = (values: number[]) => Math.min(...values);
const f0 = (n: number) => n.toFixed(0);
const f1 = (n: number) => n.toFixed(1);
const f2 = (n: number) => n.toFixed(2);

/**
 * Compiles the application with the bench's own two entry points (tsc; type errors elsewhere in the tree are
 * reported, not fatal). Without `commit`: the work tree, into data/cycle-dist/out. With it: that revision's
 * src and migrations (git archive) beside today's bench/cycle-run.ts and cycle-raw.ts, into
 * data/cycle-dist/rev/out, so a before/after runs the same harness on the same database.
 */
function build(commit: string | undefined, rebuild: boolean): { out: string; revision: string } {
  const git = (...gitArgs: string[]) =>
    spawnSync('git', gitArgs, { cwd: ROOT, encoding: 'utf8' }).stdout.trim();
  const dir = commit ? join(BUILD, 'rev') : BUILD;
  const out = join(dir, 'out');
  if (!rebuild) return { out, revision: readFileSync(join(dir, 'REVISION'), 'utf8') };
  const started = Date.now();
  let sourceRoot = ROOT;
  let revision: string;
  if (commit) {
    const sha = git('rev-parse', '--short', commit);
    if (!sha) throw new Error(`unknown revision ${commit}`);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(join(dir, 'source', 'bench'), { recursive: true });
    sourceRoot = join(dir, 'source');
    const unpacked = spawnSync(
      'sh',
      ['-c', `git archive ${sha} src migrations tsconfig.json | tar -x -C "${sourceRoot}"`],
      { cwd: ROOT, encoding: 'utf8', timeout: 120_000 },
    );
    if (unpacked.status !== 0) throw new Error(`git archive ${sha} failed: ${unpacked.stderr}`);
    for (const file of ['cycle-run.ts', 'cycle-raw.ts'])
      copyFileSync(join(ROOT, 'bench', file), join(sourceRoot, 'bench', file));
    symlinkSync(join(ROOT, 'node_modules'), join(sourceRoot, 'node_modules'));
    revision = sha;
  } else {
    mkdirSync(dir, { recursive: true });
    const dirty = git('status', '--porcelain', 'src', 'migrations');
    revision = `${git('rev-parse', '--short', 'HEAD')}${dirty ? '+worktree' : ''}`;
  }
  rmSync(out, { recursive: true, force: true });
  const from = relative(dir, sourceRoot).replace(/^(?!\.)/, './') || '.';
  const tsconfig = {
    extends: `${from}/tsconfig.json`,
    compilerOptions: { outDir: './out', rootDir: from, sourceMap: false, noEmitOnError: false },
    include: [
      `${from}/src/**/*.ts`,
      `${from}/migrations/**/*.ts`,
      `${from}/bench/cycle-run.ts`,
      `${from}/bench/cycle-raw.ts`,
    ],
    exclude: [`${from}/src/**/__tests__/**`, `${from}/**/*.spec.ts`],
  };
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(tsconfig, null, 2));
  const result = spawnSync(
    process.execPath,
    [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', dir],
    { cwd: ROOT, encoding: 'utf8', timeout: 600_000 },
  );
  if (!existsSync(join(out, 'bench', 'cycle-run.js')))
    throw new Error(`build failed:\n${result.stdout}${result.stderr}`);
  if (result.status !== 0)
    console.warn(`tsc reported errors (emitted anyway):\n${result.stdout.slice(0, 2000)}`);
  writeFileSync(join(dir, 'REVISION'), revision);
  console.log(`built ${revision} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return { out, revision };
}

/** A compiled bench process driven over IPC (one request at a time); its VmRSS sampled every 100 ms. */
class Child<Command extends { cmd: string }> {
  private readonly child: ChildProcess;
  private waiting: { resolve: (v: unknown) => void; reject: (e: Error) => void } | null = null;
  private readonly sampler: NodeJS.Timeout;
  private phase = 'boot';
  readonly maxRssByPhase = new Map<string, number>();
  readonly ready: Promise<void>;

  constructor(
    private readonly name: string,
    entry: string,
    env: NodeJS.ProcessEnv,
    logFile: string,
    private readonly exitCommand: Command,
  ) {
    const log = openSync(logFile, 'a');
    this.child = fork(entry, [], {
      cwd: ROOT,
      env,
      // Plain node: fork() would otherwise pass on this process's ts-node (its execArgv).
      execArgv: [],
      stdio: ['ignore', log, log, 'ipc'],
      serialization: 'advanced',
    });
    this.ready = new Promise((resolveReady, rejectReady) => {
      this.child.once('exit', (code) => {
        const error = new Error(`the ${name} process exited (${code}); see ${logFile}`);
        rejectReady(error);
        this.waiting?.reject(error);
      });
      this.child.on(
        'message',
        (message: { ready?: boolean; ok?: boolean; result?: unknown; error?: string }) => {
          if (message.ready) return resolveReady();
          const waiting = this.waiting;
          this.waiting = null;
          if (!waiting) return;
          if (message.ok) waiting.resolve(message.result);
          else waiting.reject(new Error(`${name}: ${message.error}`));
        },
      );
    });
    this.ready.catch(() => undefined); // reported when awaited
    this.sampler = setInterval(() => this.sample(), 100);
    this.sampler.unref();
  }

  private sample(): void {
    try {
      const kb = Number(
        /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${this.child.pid}/status`, 'utf8'))?.[1] ?? 0,
      );
      const mb = kb / 1024;
      this.maxRssByPhase.set(this.phase, Math.max(this.maxRssByPhase.get(this.phase) ?? 0, mb));
    } catch {
      // exiting
    }
  }

  async send<T>(command: Command, phase = command.cmd): Promise<T> {
    if (this.waiting) throw new Error(`${this.name}: one request at a time`);
    this.sample();
    this.phase = phase;
    const reply = new Promise<unknown>((resolveReply, rejectReply) => {
      this.waiting = { resolve: resolveReply, reject: rejectReply };
    });
    this.child.send(command);
    const result = (await reply) as T;
    this.sample();
    return result;
  }

  get maxRss(): number {
    return Math.max(0, ...this.maxRssByPhase.values());
  }

  async stop(): Promise<void> {
    clearInterval(this.sampler);
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((r) => this.child.once('exit', r));
    try {
      await Promise.race([this.send(this.exitCommand, 'exit'), new Promise((r) => setTimeout(r, 30_000))]);
    } catch {
      // already gone
    }
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  }
}

/** The given floor: node raw-report.mjs FILE, from ROOT (node_modules has sqlite3); its per-query lines. */
async function runFloor(
  file: string,
): Promise<{ totalMs: number; queries: Record<string, number>; generated?: string }> {
  const child = spawn(process.execPath, [FLOOR_SCRIPT, file], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 900_000);
  const code = await new Promise<number | null>((r) => child.once('exit', r));
  clearTimeout(timer);
  const total = /raw report SQL total ([\d.]+) ms/.exec(out);
  if (code !== 0 || !total) throw new Error(`floor failed (${code}):\n${out}`);
  const queries: Record<string, number> = {};
  for (const m of out.matchAll(/^(\w+)\s+([\d.]+) ms$/gm)) queries[m[1]] = Number(m[2]);
  return { totalMs: Number(total[1]), queries, generated: /^generated .*$/m.exec(out)?.[0] };
}

/** A fresh working copy of the generated database (the cycle writes). */
async function workingCopy(
  kind: 'sqlite' | 'postgres',
  url: string,
  sqlitePath?: string,
): Promise<{
  url: string;
  target: string;
  drop: () => Promise<void>;
}> {
  if (kind === 'sqlite') {
    const work = `${sqlitePath}.work`;
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${work}${suffix}`, { force: true });
    copyFileSync(sqlitePath!, work);
    if (existsSync(`${sqlitePath}-wal`)) copyFileSync(`${sqlitePath}-wal`, `${work}-wal`);
    return {
      url: `sqlite:${work}`,
      target: work,
      drop: async () => {
        for (const suffix of ['', '-wal', '-shm']) rmSync(`${work}${suffix}`, { force: true });
      },
    };
  }
  const source = new URL(url);
  const name = decodeURIComponent(source.pathname.slice(1));
  const workName = `${name}_work`;
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS "${workName}"`);
  await client.query(`CREATE DATABASE "${workName}" TEMPLATE "${name}"`);
  await client.end();
  const work = new URL(url);
  work.pathname = `/${workName}`;
  return {
    url: work.toString(),
    target: work.toString(),
    drop: async () => {
      const c = new Client({ connectionString: admin.toString() });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${workName}" WITH (FORCE)`);
      await c.end();
    },
  };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const databaseUrl = args.get('database');
  if (!databaseUrl)
    throw new Error('--database sqlite:<path> | postgres://… (a generated database) is required');
  const config = loadConfig({ ...process.env, DATABASE_URL: databaseUrl });
  const kind = config.database.kind;
  const runs = Math.min(50, Math.max(1, intArg(args, 'runs', 5)));
  const label = args.get('label') ?? kind;
  const floorFile = args.get('floor-file') ?? '/tmp/cycle-bench/raw-report.sqlite';
  const useFloor = args.get('no-floor') !== 'true' && (kind === 'sqlite' || args.get('floor') === 'true');
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  mkdirSync(RESULTS, { recursive: true });

  const machine = {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    loadAverageAtStart: loadavg().map((l) => Number(l.toFixed(2))),
  };
  console.log(`machine: ${JSON.stringify(machine)}`);
  const { out, revision } = build(args.get('commit'), args.get('no-build') !== 'true');

  if (useFloor && !existsSync(floorFile)) {
    mkdirSync(resolve(floorFile, '..'), { recursive: true });
    console.log(`floor: generating ${floorFile} (first time only) …`);
    console.log(`floor: ${(await runFloor(floorFile)).generated}`);
  }

  const inPlace = args.get('in-place') === 'true';
  const copyStart = Date.now();
  const db = inPlace
    ? {
        url: databaseUrl,
        target: kind === 'sqlite' ? config.database.sqlitePath! : databaseUrl,
        drop: async () => {},
      }
    : await workingCopy(kind, databaseUrl, config.database.sqlitePath);
  console.log(
    `database: ${kind} ${db.target.replace(/:[^:@/]*@/, ':***@')} (copy ${Date.now() - copyStart} ms)`,
  );

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    DATABASE_URL: db.url,
    PII_KEY: config.piiKey.toString('hex'),
    JWT_SECRET: config.jwtSecret,
    JOB_SCHEDULES: 'false',
    SEED_DEMO: 'false',
    BENCH_NOW: args.get('now') ?? '',
    BENCH_DATE: args.get('date') ?? '',
  };
  delete env.REDIS_URL; // the embedded (in-process) job driver
  const logFile = join(RESULTS, `cycle-api-${label}-${stamp}.log`);
  const api = new Child<CycleCommand>('API', join(out, 'bench', 'cycle-run.js'), env, logFile, {
    cmd: 'exit',
  });
  // Our own raw SQL runs in a bare node process of its own (like the given floor), started beside the API.
  const raw = new Child<RawCommand>(
    'raw SQL',
    join(out, 'bench', 'cycle-raw.js'),
    process.env,
    join(RESULTS, `cycle-raw-${label}-${stamp}.log`),
    { cmd: 'close' },
  );
  try {
    await api.ready;
    const info = await api.send<Record<string, unknown>>({ cmd: 'info' }, 'boot');
    console.log(
      `data: ${info.households} households, ${info.visits} visits, ${info.problems} problems; ` +
        `cycle at ${info.now}, date ${info.date} (${info.visitsOnDate} visits that day); boot ${f0(info.bootMs as number)} ms ` +
        `(migrations applied: ${(info.migrations as string[]).length})`,
    );
    if (args.has('plan')) {
      const planned = await api.send<{
        moveDate: string;
        villages: number;
        replanMs: number;
        changed: number;
        forReviewMs: number[];
      }>({ cmd: 'plan', days: intArg(args, 'plan', 60) }, 'plan');
      console.log(
        `plan: move date ${planned.moveDate} for ${planned.villages} villages, every light replanned in ` +
          `${f0(planned.replanMs)} ms (${planned.changed} changed); the plan's part of a review (forReview): ` +
          `${planned.forReviewMs.map(f0).join(' / ')} ms`,
      );
    }
    const captured = await api.send<{ ms: number; queries: CapturedQuery[] }>({ cmd: 'capture' }, 'report');
    console.log(`facts(): ${captured.queries.length} statements, first (cold) run ${f0(captured.ms)} ms`);
    await raw.ready;
    await raw.send({ cmd: 'open', kind, target: db.target, queries: captured.queries });

    const floorTimes: number[] = [];
    const floorQueries: Record<string, number[]> = {};
    const rawTimes: number[] = [];
    const rawPerQuery: number[][] = captured.queries.map(() => []);
    const factsTimes: number[] = [];
    const computeTimes: number[] = [];
    const digests = new Set<string>();
    // Each round times all of them once; the order turns from round to round so none always goes first.
    type Measure = () => Promise<string>;
    const measures: Measure[] = [
      async () => {
        const ours = await raw.send<{ totalMs: number; perQuery: number[] }>({ cmd: 'run' });
        rawTimes.push(ours.totalMs);
        ours.perQuery.forEach((value, i) => rawPerQuery[i].push(value));
        return `our raw SQL ${f1(ours.totalMs)} ms`;
      },
      async () => {
        const facts = await api.send<{ ms: number }>({ cmd: 'facts' }, 'report');
        factsTimes.push(facts.ms);
        return `facts() ${f1(facts.ms)} ms`;
      },
      async () => {
        const computed = await api.send<{ ms: number; visits: number; digest: string }>(
          { cmd: 'compute' },
          'report',
        );
        computeTimes.push(computed.ms);
        digests.add(computed.digest);
        return `compute() ${f1(computed.ms)} ms (${computed.visits} visits, report ${computed.digest})`;
      },
    ];
    if (useFloor) {
      measures.unshift(async () => {
        const floor = await runFloor(floorFile);
        floorTimes.push(floor.totalMs);
        for (const [name, value] of Object.entries(floor.queries)) (floorQueries[name] ??= []).push(value);
        return `floor ${f1(floor.totalMs)} ms`;
      });
    }
    for (let round = 0; round < runs; round++) {
      const line: string[] = [];
      for (let i = 0; i < measures.length; i++) line.push(await measures[(round + i) % measures.length]());
      console.log(`round ${round + 1}/${runs}: ${line.join(', ')}`);
    }
    await raw.stop();

    type Step = { step: string; ms: number; rssMb: number; maxRssMb: number } & Record<string, unknown>;
    const steps: Step[] = [];
    const step = async (name: 'generate' | 'review' | 'dispatch' | 'lights', label: string) => {
      const result = await api.send<Step>({ cmd: name }, label);
      steps.push({ ...result, step: label });
      const { ms, rssMb, maxRssMb, ...rest } = result;
      console.log(
        `${label.padEnd(20)} ${f0(ms).padStart(7)} ms  RSS ${f0(rssMb)} MB (peak so far ${f0(maxRssMb)} MB)  ${JSON.stringify({ ...rest, step: undefined })}`,
      );
    };
    await step('generate', 'generate');
    await step('review', 'review');
    // --lights N: every light recomputed N more times at once (nothing left to change: the compute alone).
    for (let i = 0; i < intArg(args, 'lights', 0); i++) await step('lights', `lights again ${i + 1}`);
    await step('dispatch', 'dispatch');
    // The day after (clock +24 h, no new activity): yesterday's open tasks carry over.
    const next = await api.send<{ date: string }>({ cmd: 'advance' }, 'advance');
    console.log(`next day: ${next.date}`);
    await step('review', 'review (next day)');
    await step('dispatch', 'dispatch (next day)');
    await api.stop();

    const stats = (values: number[]) => ({ minMs: min(values), medianMs: median(values), runs: values });
    const report = {
      compute: stats(computeTimes),
      facts: stats(factsTimes),
      ourRawSql: stats(rawTimes),
      floor: useFloor ? stats(floorTimes) : null,
    };
    const ratio = (a: { minMs: number; medianMs: number }, b: { minMs: number; medianMs: number } | null) =>
      b ? { median: a.medianMs / b.medianMs, min: a.minMs / b.minMs } : null;
    const ratios = {
      reportToFloor: ratio(report.compute, report.floor),
      reportToOurRawSql: ratio(report.compute, report.ourRawSql),
    };
    const rss = Object.fromEntries([...api.maxRssByPhase].map(([phase, mb]) => [phase, Math.round(mb)]));

    console.log('');
    console.log(`== daily cycle, ${label} (${kind}), ${revision}, ${runs} rounds ==`);
    const line = (name: string, s: { minMs: number; medianMs: number }) =>
      console.log(
        `${name.padEnd(34)} min ${f1(s.minMs).padStart(7)} ms, median ${f1(s.medianMs).padStart(7)} ms`,
      );
    line('report: DailyReportService.compute', report.compute);
    line('  of which facts() (TypeORM)', report.facts);
    line('our raw SQL (facts, bare driver)', report.ourRawSql);
    console.log(
      `  per statement (median ms): ${rawPerQuery.map((values, i) => `#${i + 1} ${f1(median(values))}`).join(', ')}`,
    );
    if (report.floor) {
      line('floor (raw-report.mjs)', report.floor);
      console.log(
        `  per query (median ms): ${Object.entries(floorQueries)
          .map(([name, values]) => `${name} ${f1(median(values))}`)
          .join(', ')}`,
      );
      console.log(
        `ratio report / floor        median ${f2(ratios.reportToFloor!.median)}, min ${f2(ratios.reportToFloor!.min)}`,
      );
    }
    console.log(
      `ratio report / our raw SQL  median ${f2(ratios.reportToOurRawSql!.median)}, min ${f2(ratios.reportToOurRawSql!.min)}`,
    );
    for (const step of steps) console.log(`${step.step.padEnd(34)} ${f0(step.ms).padStart(7)} ms`);
    console.log(`API RSS max (MB) by phase: ${JSON.stringify(rss)}; overall ${f0(api.maxRss)} MB`);

    const file = join(RESULTS, `cycle-${label}-${stamp}.json`);
    writeFileSync(
      file,
      JSON.stringify(
        {
          label,
          kind,
          revision,
          machine,
          loadAverageAtEnd: loadavg(),
          info,
          statements: captured.queries,
          rawPerQueryMs: rawPerQuery,
          floorPerQueryMs: floorQueries,
          ...report,
          ratios,
          reportDigests: [...digests],
          steps,
          rssMaxMb: rss,
        },
        null,
        2,
      ),
    );
    console.log(`results: ${file}`);
  } finally {
    await raw.stop();
    await api.stop();
    if (args.get('keep') !== 'true') await db.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
