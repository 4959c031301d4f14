/**
 * HTTP benchmark of a production build against a generated database (see bench/README.md):
 *
 *   npm run bench:http -- --database sqlite:/tmp/bench/relocation-bench.sqlite [--label sqlite-1]
 *       [--duration 20] [--connections 50] [--list-duration 10] [--list-connections 10]
 *       [--only list|visits] [--no-build]
 *       [--cpu-prof] [--trace-sql] [--measure visits|list] [--source head|worktree] [--commit <rev>] [--dist <dir>]
 *       [--port 3100] [--floor-port 3999] [--cadre cadre001] [--processes 1|2|auto]
 *
 * In one run: builds (the committed HEAD, see build()), starts the API (NODE_ENV=production, same PII_KEY
 * and JWT_SECRET as the generator used) and the floor (../shared/floor/limit-server.mjs), then measures
 * GET /households filter mixes as a commander, and POST /households/:id/visits as a cadre, with the floor
 * hit by the same autocannon settings before and after. VmRSS of the API is sampled every 200 ms. With
 * --processes (API_PROCESSES, cluster mode) the API's CPU and memory are its whole process tree's: the primary
 * and its HTTP workers together.
 */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import * as sqlite3 from 'sqlite3';
import { loadConfig } from '../src/config/app-config';
import { intArg, parseArgs } from './lib/args';
import { writeProfileHook } from './lib/cpu-profile';
import { formatMs, LoadRequest, LoadResult, runLoad } from './lib/load';
import { ServerProcess, waitFor } from './lib/processes';
import { STAGES } from '../src/modules/households/household-stages';

const ROOT = resolve(__dirname, '..');
const RESULTS = join(ROOT, 'bench', 'results');
const FLAGS = ['low_income', 'destitute', 'disabled', 'poverty_monitored', 'elderly_alone'];
const SUMMARIES = [
  '入户走访，宣讲安置政策。',
  '电话回访，核实家庭人口。',
  '沟通安置意愿，户主需与家人商量。',
];
const ATTITUDES = [...Array(7).fill('supportive'), 'wavering', 'wavering', 'resistant'] as string[];
const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)];

interface OrgUnit {
  id: string;
  kind: string;
  name: string;
}

async function api<T>(port: number, path: string, init: { token?: string; body?: unknown } = {}): Promise<T> {
  const response = await fetch(`http://127.0.0.1:${port}/api/v1${path}`, {
    method: init.body === undefined ? 'GET' : 'POST',
    headers: {
      'content-type': 'application/json',
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    signal: AbortSignal.timeout(30_000),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

async function login(port: number, username: string, password: string) {
  return api<{ accessToken: string; user: { id: string } }>(port, '/auth/login', {
    body: { username, password },
  });
}

/** Per-table row counters of PostgreSQL, to count what one visit costs the database. */
async function pgCounters(url: string): Promise<Record<string, number>> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{
      relname: string;
      ins: string;
      upd: string;
      idx: string;
      seq: string;
    }>(
      `SELECT relname, n_tup_ins AS ins, n_tup_upd AS upd, coalesce(idx_scan, 0) AS idx, seq_scan AS seq
       FROM pg_stat_user_tables`,
    );
    const [db] = (
      await client.query<{ commits: string }>(
        'SELECT xact_commit AS commits FROM pg_stat_database WHERE datname = current_database()',
      )
    ).rows;
    const counters: Record<string, number> = { commits: Number(db.commits) };
    for (const r of rows) {
      counters[`${r.relname}.inserted`] = Number(r.ins);
      counters[`${r.relname}.updated`] = Number(r.upd);
      counters[`${r.relname}.indexScans`] = Number(r.idx);
      counters[`${r.relname}.seqScans`] = Number(r.seq);
    }
    return counters;
  } finally {
    await client.end();
  }
}

/**
 * The API under test. `head`: the committed code (git archive of HEAD into data/bench-build, built there),
 * so other engineers' edits in progress neither break nor colour the figures; `worktree`: the files as
 * they are now (nest build into data/bench-dist).
 */
function build(
  source: string,
  revision: string,
  rebuild: boolean,
): { dist: string; cwd: string; commit: string } {
  const run = (command: string, commandArgs: string[], cwd: string) => {
    const result = spawnSync(command, commandArgs, { cwd, stdio: 'inherit', timeout: 600_000 });
    if (result.status !== 0) throw new Error(`${command} ${commandArgs.join(' ')} failed`);
  };
  const head = spawnSync('git', ['rev-parse', '--short', 'HEAD'], {
    cwd: ROOT,
    encoding: 'utf8',
  }).stdout.trim();
  if (source === 'worktree') {
    if (rebuild) run('npx', ['nest', 'build', '-p', 'bench/tsconfig.build.json'], ROOT);
    return { dist: join(ROOT, 'data', 'bench-dist'), cwd: ROOT, commit: `${head}+worktree` };
  }
  if (source !== 'head') throw new Error('--source must be head or worktree');
  const dir = join(ROOT, 'data', 'bench-build');
  if (rebuild) {
    const started = Date.now();
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    run('sh', ['-c', `git archive ${head} | tar -x -C "${dir}"`], ROOT);
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
    run('npx', ['nest', 'build'], dir);
    writeFileSync(join(dir, 'COMMIT'), head);
    console.log(`built ${head} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  const built = readFileSync(join(dir, 'COMMIT'), 'utf8').trim();
  return { dist: join(dir, 'dist'), cwd: dir, commit: built };
}

/** Timestamps of the migrations the database has run, to catch a database generated from another schema. */
async function executedMigrations(url: string, sqlitePath: string | undefined): Promise<number[]> {
  if (sqlitePath) {
    const db = new sqlite3.Database(sqlitePath, sqlite3.OPEN_READONLY);
    try {
      return await new Promise((resolve, reject) =>
        db.all<{ timestamp: number }>('SELECT timestamp FROM migrations', (error, rows) =>
          error ? reject(error) : resolve(rows.map((r) => Number(r.timestamp))),
        ),
      );
    } finally {
      db.close();
    }
  }
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ timestamp: string }>('SELECT timestamp FROM migrations');
    return rows.map((r) => Number(r.timestamp));
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const databaseUrl = args.get('database') ?? process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error('--database sqlite:<path> | postgres://… is required');
  const config = loadConfig({ ...process.env, DATABASE_URL: databaseUrl });
  const kind = config.database.kind;
  const seconds = intArg(args, 'duration', 20);
  const listSeconds = intArg(args, 'list-duration', 10);
  const connections = intArg(args, 'connections', 50);
  // A few command-centre screens at once, not 50: the list is also run with one connection for latency.
  const listConnections = intArg(args, 'list-connections', 10);
  const port = intArg(args, 'port', 3100);
  const floorPort = intArg(args, 'floor-port', 3999);
  const password = args.get('password') ?? 'Bench@2026';
  const only = args.get('only');
  const label = args.get('label') ?? kind;
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const maxRequests = 500_000;
  mkdirSync(RESULTS, { recursive: true });
  if (kind === 'postgres') mkdirSync('/tmp/bench', { recursive: true });

  const machine = {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    loadAverageAtStart: loadavg().map((l) => Number(l.toFixed(2))),
  };
  console.log(`machine: ${JSON.stringify(machine)}`);

  // --dist <dir>: an already built dist/ (e.g. a patched copy, to try a fix without touching src/).
  const { dist, cwd, commit } = args.has('dist')
    ? {
        dist: resolve(args.get('dist')!),
        cwd: resolve(args.get('dist')!, '..'),
        commit: `dist:${args.get('dist')}`,
      }
    : build(args.get('source') ?? 'head', args.get('commit') ?? 'HEAD', args.get('no-build') !== 'true');
  console.log(`API build: ${dist} (${commit})`);

  const known = new Set(
    readdirSync(join(dist, 'migrations'))
      .filter((f) => f.endsWith('.js'))
      .map((f) => Number(f.split('-')[0])),
  );
  const unknown = (await executedMigrations(databaseUrl, config.database.sqlitePath)).filter(
    (t) => !known.has(t),
  );
  if (unknown.length) {
    throw new Error(
      `the database has migrations ${unknown.join(', ')} that this build does not know: regenerate it (bench:seed --fresh) from the same commit`,
    );
  }

  const cpuProfile = args.get('cpu-prof') === 'true';
  const sqlTrace = args.get('trace-sql') === 'true';
  const profile = cpuProfile || sqlTrace ? writeProfileHook(ROOT, RESULTS) : null;
  const measured = args.get('measure') ?? 'visits';
  const apiEnv: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    PORT: String(port),
    HOST: '127.0.0.1',
    DATABASE_URL: databaseUrl,
    PII_KEY: config.piiKey.toString('hex'),
    JWT_SECRET: config.jwtSecret,
    BENCH_PROFILE_DIR: profile?.profileDir,
    BENCH_PROFILE_NAME: `${label}-${stamp}`,
    BENCH_CPU_PROFILE: cpuProfile ? '1' : '0',
    BENCH_SQL_TRACE: sqlTrace ? '1' : '0',
    API_PROCESSES: args.get('processes') ?? '1',
  };
  delete apiEnv.REDIS_URL; // the embedded (in-process) job driver, as in a single-machine deployment
  const apiLog = join(RESULTS, `api-${label}-${stamp}.log`);
  const server = new ServerProcess(
    'api',
    process.execPath,
    [...(profile ? ['-r', profile.hook] : []), join(dist, 'src', 'main.js')],
    { cwd, env: apiEnv, logFile: apiLog },
  );
  const floorDb = `/tmp/bench/floor-${label}-${stamp}.sqlite`;
  mkdirSync('/tmp/bench', { recursive: true });
  const floorScript = args.get('floor') ?? resolve(ROOT, '..', 'shared', 'floor', 'limit-server.mjs');
  const floor = new ServerProcess('floor', process.execPath, [floorScript, String(floorPort), floorDb], {
    cwd: ROOT,
    env: process.env,
    logFile: join(RESULTS, `floor-${label}-${stamp}.log`),
  });

  const results: LoadResult[] = [];
  const cpuPerRequest: Record<string, number> = {};
  let pgVisitCost: Record<string, number> | null = null;
  const measure = async (
    target: ServerProcess,
    options: Parameters<typeof runLoad>[0],
    record = true,
  ): Promise<LoadResult> => {
    target.mark(options.label);
    const cpuBefore = target.cpuSeconds();
    const result = await runLoad(options);
    const cpu = target.cpuSeconds() - cpuBefore;
    target.mark('idle');
    if (!target.alive) throw new Error(`${target.name} died during ${options.label}; see its log`);
    if (record) {
      results.push(result);
      cpuPerRequest[`${options.label} @${options.connections}`] =
        (cpu * 1000) / Math.max(1, result.completed);
    }
    console.log(
      `${result.label.padEnd(34)} ${result.connections} conn ${result.requestsPerSecond.toFixed(0).padStart(6)} req/s  ` +
        `p50 ${formatMs(result.p50)}  p95 ${formatMs(result.p95)}  p99 ${formatMs(result.p99)} ms  ` +
        `non-2xx ${result.non2xx}  errors ${result.errors}  cpu ${((cpu * 1000) / Math.max(1, result.completed)).toFixed(2)} ms/req`,
    );
    return result;
  };

  try {
    await waitFor('API', async () => (await fetch(`http://127.0.0.1:${port}/health`)).ok, 240, 500, server);
    await waitFor(
      'floor',
      async () => (await fetch(`http://127.0.0.1:${floorPort}/`)).status > 0,
      60,
      500,
      floor,
    );
    server.mark('idle');
    console.log(`API pid ${server.pid} (log ${apiLog}), floor pid ${floor.pid}`);

    const cadre = await login(port, args.get('cadre') ?? 'cadre001', password);
    const commander = await login(port, 'commander', password);
    const householdIds: string[] = [];
    for (let page = 1; page <= 20; page++) {
      const list = await api<{ items: { id: string }[]; total: number }>(
        port,
        `/households?pageSize=200&page=${page}`,
        { token: cadre.accessToken },
      );
      householdIds.push(...list.items.map((h) => h.id));
      if (householdIds.length >= list.total || list.items.length === 0) break;
    }
    if (householdIds.length === 0)
      throw new Error('the cadre has no households: was the database generated?');
    const units = await api<OrgUnit[]>(port, '/org-units', { token: commander.accessToken });
    const villages = units.filter((u) => u.kind === 'village');
    const townships = units.filter((u) => u.kind === 'township');
    const taskForces = units.filter((u) => u.kind === 'task_force');
    console.log(
      `cadre has ${householdIds.length} households; ${villages.length} villages, ${townships.length} townships`,
    );

    if (!only || only === 'list') {
      const mixes: { name: string; path: () => string }[] = [
        {
          name: 'list village+stage',
          path: () =>
            `/api/v1/households?villageId=${pick(villages).id}&stage=${pick(STAGES)}&page=${1 + Math.floor(Math.random() * 3)}&pageSize=20`,
        },
        {
          name: 'list township+light -updatedAt',
          path: () =>
            `/api/v1/households?townshipId=${pick(townships).id}&light=${pick(['red', 'yellow', 'green'])}&sort=-updatedAt&page=${1 + Math.floor(Math.random() * 5)}&pageSize=20`,
        },
        {
          name: 'list taskForce+flag',
          path: () =>
            `/api/v1/households?taskForceId=${pick(taskForces).id}&flag=${pick(FLAGS)}&page=${1 + Math.floor(Math.random() * 3)}&pageSize=20`,
        },
        {
          name: 'list q=surname',
          path: () =>
            `/api/v1/households?q=${encodeURIComponent(pick(['龙', '石', '吴', '麻', '杨', '田']))}&page=${1 + Math.floor(Math.random() * 3)}&pageSize=20`,
        },
        {
          name: 'list unfiltered deep page',
          path: () => `/api/v1/households?page=${1 + Math.floor(Math.random() * 200)}&pageSize=20`,
        },
      ];
      const listLoad = (name: string, conns: number, duration: number, path: () => string) => ({
        label: name,
        port,
        connections: conns,
        seconds: duration,
        maxRequests,
        headers: { authorization: `Bearer ${commander.accessToken}` },
        next: (): LoadRequest => ({ method: 'GET', path: path() }),
      });
      await measure(
        server,
        listLoad('warm-up list', 10, 5, () => pick(mixes).path()),
        false,
      );
      for (const mix of mixes) await measure(server, listLoad(mix.name, 1, listSeconds, mix.path));
      if (profile && measured === 'list') server.signal('SIGWINCH');
      for (const mix of mixes) {
        await measure(server, listLoad(mix.name, listConnections, listSeconds, mix.path));
      }
      if (profile && measured === 'list') server.signal('SIGWINCH');
    }

    if (!only || only === 'visits') {
      let sequence = 0;
      const runId = randomUUID().slice(0, 8);
      const visitBody = () =>
        JSON.stringify({
          visitedAt: new Date().toISOString(),
          method: pick(['in_person', 'in_person', 'phone', 'online']),
          summary: pick(SUMMARIES),
          // As in the field (and the generator): mostly supportive; resistant ones also notify (outbox).
          attitude: pick(ATTITUDES),
          clientId: `bench-${runId}-${++sequence}`,
        });
      const visitLoad = (name: string, targetPort: number, duration: number, toApi: boolean) => ({
        label: name,
        port: targetPort,
        connections,
        seconds: duration,
        maxRequests,
        headers: toApi ? { authorization: `Bearer ${cadre.accessToken}` } : ({} as Record<string, string>),
        next: (): LoadRequest => ({
          method: 'POST',
          path: toApi ? `/api/v1/households/${pick(householdIds)}/visits` : '/',
          body: visitBody(),
        }),
      });
      await measure(floor, visitLoad('warm-up floor', floorPort, 3, false), false);
      await measure(server, visitLoad('warm-up visits', port, 3, true), false);
      await sleep(3000); // let the audit sealer catch up with the warm-up
      await measure(floor, visitLoad('floor POST (before)', floorPort, seconds, false));
      const counters = kind === 'postgres' ? await pgCounters(databaseUrl) : null;
      if (profile && measured === 'visits') server.signal('SIGWINCH');
      await measure(server, visitLoad('POST visit', port, seconds, true));
      if (profile && measured === 'visits') server.signal('SIGWINCH');
      if (counters) {
        const after = await pgCounters(databaseUrl);
        const posted = results[results.length - 1].completed;
        pgVisitCost = Object.fromEntries(
          Object.entries(after)
            .map(([key, value]) => [key, (value - (counters[key] ?? 0)) / Math.max(1, posted)] as const)
            .filter(([, perVisit]) => perVisit >= 0.01)
            .map(([key, perVisit]) => [key, Number(perVisit.toFixed(2))]),
        );
      }
      server.mark('after visits');
      await measure(floor, visitLoad('floor POST (after)', floorPort, seconds, false));
      await sleep(2000);
    }
  } finally {
    await floor.stop();
    await server.stop();
    rmSync(floorDb, { force: true });
    for (const suffix of ['-wal', '-shm']) rmSync(`${floorDb}${suffix}`, { force: true });
  }

  const byLabel = (l: string) => results.find((r) => r.label === l);
  const ours = byLabel('POST visit');
  const floors = ['floor POST (before)', 'floor POST (after)']
    .map(byLabel)
    .filter((r): r is LoadResult => !!r);
  const floorMean = floors.length
    ? floors.reduce((sum, r) => sum + r.requestsPerSecond, 0) / floors.length
    : NaN;
  const summary = {
    label,
    database: kind,
    commit,
    at: new Date().toISOString(),
    machine,
    settings: { connections, seconds, listSeconds, listConnections, processes: apiEnv.API_PROCESSES },
    results,
    cpuMsPerRequest: cpuPerRequest,
    visitRatioToFloor: ours ? ours.requestsPerSecond / floorMean : null,
    floorMeanRequestsPerSecond: floorMean,
    apiMaxRssMB: Number(server.maxRss.toFixed(1)),
    apiMaxRssByPhaseMB: Object.fromEntries(
      [...server.maxRssByPhase].map(([phase, mb]) => [phase, Number(mb.toFixed(1))]),
    ),
    floorMaxRssMB: Number(floor.maxRss.toFixed(1)),
    postgresPerVisit: pgVisitCost,
    loadAverageAtEnd: loadavg().map((l) => Number(l.toFixed(2))),
  };
  const file = join(RESULTS, `http-${label}-${stamp}.json`);
  writeFileSync(file, JSON.stringify(summary, null, 2));

  console.log('\n| benchmark | conn | req/s | p50 ms | p95 ms | p99 ms | non-2xx |');
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  for (const r of results) {
    console.log(
      `| ${r.label} | ${r.connections} | ${r.requestsPerSecond.toFixed(0)} | ${formatMs(r.p50)} | ${formatMs(r.p95)} | ${formatMs(r.p99)} | ${r.non2xx + r.errors} |`,
    );
  }
  if (ours) {
    console.log(
      `\nPOST visit: ${ours.requestsPerSecond.toFixed(0)} req/s = ${((100 * ours.requestsPerSecond) / floorMean).toFixed(1)} % of the floor (${floors.map((f) => f.requestsPerSecond.toFixed(0)).join(' / ')} req/s)`,
    );
  }
  console.log(`API max RSS ${summary.apiMaxRssMB} MB ${JSON.stringify(summary.apiMaxRssByPhaseMB)}`);
  if (pgVisitCost) console.log(`PostgreSQL per visit: ${JSON.stringify(pgVisitCost)}`);
  console.log(`load average at end ${summary.loadAverageAtEnd.join(' ')}; results in ${file}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
