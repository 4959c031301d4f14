/**
 * Ledger (台账) benchmarks against the real API process on a fresh database:
 *
 *   npx ts-node --transpile-only bench/ledger-bench.ts [--db sqlite|postgres] [--households 10000] [--bad 1000]
 *        [--intent-share 0.6] [--export 100000] [--reveal false] [--skip-import] [--no-build] [--reuse-export-db] [--port 3310]
 *
 * Import: a generated 10,000-household ledger (~35,000 members) uploaded to POST /households/import, then the
 * same file again (all unchanged), then a file with `--bad` bad households (full error report). Beside each,
 * a floor measured in the same run: the same rows inserted through the bare driver (no framework, checks or
 * audit), so the figure can be read on a noisy machine. Export: `--export` households seeded by bench:seed,
 * GET /households/export?reveal=true streamed to nowhere while the API's RSS is sampled from /proc.
 */
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import { intArg, parseArgs } from './lib/args';
import { buildLedger, LedgerVillage } from './ledger-data';
import { rawInsertFloor } from './ledger-floor';

const ROOT = resolve(__dirname, '..');
const DIST = join(ROOT, 'data', 'ledger-bench-dist');
const WORK = join(ROOT, 'bench', 'results', 'ledger');
const PII_KEY = 'a'.repeat(64);
const JWT_SECRET = 'ledger-bench-secret-ledger-bench-secret';
const PASSWORD = 'Bench@2026';

interface Api {
  child: ChildProcess;
  /** CPU seconds (user + system, all threads) the API process has used so far. */
  cpu: () => number;
  base: string;
  token: string;
  maxRss: () => number;
  resetRss: () => void;
  rss: () => number;
}

function databaseUrl(db: string, name: string): string {
  return db === 'postgres'
    ? `postgres://postgres@127.0.0.1:5432/${name}`
    : `sqlite:${join(WORK, `${name}.sqlite`)}`;
}

function seed(url: string, households: number): void {
  const started = Date.now();
  execFileSync(
    'npx',
    [
      'ts-node',
      '--transpile-only',
      'bench/seed.ts',
      '--households',
      String(households),
      '--visits',
      '0',
      '--problems',
      '0',
      '--cadres',
      '200',
      '--fresh',
      '--database',
      url,
      '--password',
      PASSWORD,
    ],
    { cwd: ROOT, env: { ...process.env, PII_KEY, JWT_SECRET }, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  console.log(`  seeded ${households} households in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

function rssOf(pid: number): number {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}

async function startApi(url: string, port: number): Promise<Api> {
  const log = openSync(join(WORK, 'api.log'), 'a');
  const { REDIS_URL: _redis, ...env } = process.env; // the embedded (inline) job driver
  const child = spawn('node', [join(DIST, 'src', 'main.js')], {
    cwd: ROOT,
    env: {
      ...env,
      NODE_ENV: 'production',
      DATABASE_URL: url,
      PORT: String(port),
      PII_KEY,
      JWT_SECRET,
      LOG_LEVEL: 'warn',
      JOB_SCHEDULES: 'false',
    },
    stdio: ['ignore', log, log],
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${base}/health`)).ok) break;
    } catch {
      // not up yet
    }
    if (child.exitCode !== null)
      throw new Error(`API exited (${child.exitCode}); see ${join(WORK, 'api.log')}`);
    await sleep(200);
  }
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: PASSWORD }),
  });
  if (!login.ok) throw new Error(`login: ${login.status} ${await login.text()}`);
  const token = ((await login.json()) as { accessToken: string }).accessToken;
  let max = 0;
  const sampler = setInterval(() => (max = Math.max(max, rssOf(child.pid!))), 100);
  sampler.unref();
  child.on('exit', () => clearInterval(sampler));
  const cpu = () => {
    try {
      const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1].split(' ');
      return (Number(fields[11]) + Number(fields[12])) / 100;
    } catch {
      return NaN;
    }
  };
  return {
    child,
    base,
    token,
    cpu,
    maxRss: () => max,
    resetRss: () => (max = rssOf(child.pid!)),
    rss: () => rssOf(child.pid!),
  };
}

async function stopApi(api: Api): Promise<void> {
  const exited = new Promise((resolve) => api.child.once('exit', resolve));
  api.child.kill('SIGTERM');
  await Promise.race([exited, sleep(10_000)]);
  if (api.child.exitCode === null) api.child.kill('SIGKILL');
}

async function get<T>(api: Api, path: string): Promise<T> {
  const response = await fetch(`${api.base}/api/v1${path}`, {
    headers: { authorization: `Bearer ${api.token}` },
  });
  if (!response.ok) throw new Error(`GET ${path}: ${response.status}`);
  return (await response.json()) as T;
}

async function upload(api: Api, buffer: Buffer, name: string) {
  const form = new FormData();
  form.append('file', new Blob([buffer]), name);
  const started = Date.now();
  const cpuBefore = api.cpu();
  const response = await fetch(`${api.base}/api/v1/households/import`, {
    method: 'POST',
    headers: { authorization: `Bearer ${api.token}` },
    body: form,
  });
  const body = (await response.json()) as Record<string, number | unknown[]>;
  if (!response.ok) throw new Error(`import: ${response.status} ${JSON.stringify(body)}`);
  return { seconds: (Date.now() - started) / 1000, cpu: api.cpu() - cpuBefore, body };
}

async function freshPostgres(name: string): Promise<void> {
  const client = new Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres' });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
}

async function prepare(db: string, name: string, households: number): Promise<string> {
  const url = databaseUrl(db, name);
  if (db === 'postgres') await freshPostgres(name);
  else for (const suffix of ['', '-wal', '-shm']) rmSync(`${url.slice(7)}${suffix}`, { force: true });
  seed(url, households);
  return url;
}

async function importBench(
  db: string,
  households: number,
  bad: number,
  port: number,
  intentShare: number,
): Promise<void> {
  console.log(
    `\n== import: ${households} households on ${db} (${Math.round(intentShare * 100)} % with an intent)`,
  );
  const url = await prepare(db, 'ledger_bench_import', 0);
  const api = await startApi(url, port);
  try {
    const units = await get<{ id: string; name: string; kind: string; parentId: string | null }[]>(
      api,
      '/org-units',
    );
    const townships = new Map(units.filter((u) => u.kind === 'township').map((u) => [u.id, u.name]));
    const villages: LedgerVillage[] = units
      .filter((u) => u.kind === 'village')
      .map((u) => ({ township: townships.get(u.parentId!)!, name: u.name }));
    const cadres = (
      await get<{ items: { username: string }[] }>(api, '/users?role=cadre&pageSize=200')
    ).items.map((u) => u.username);
    let started = Date.now();
    const good = await buildLedger({
      villages,
      cadres,
      households,
      bad: 0,
      codePrefix: 'BL',
      seed: 1,
      intentShare,
    });
    console.log(
      `  ledger: ${households} households, ${good.members} members, ${(good.buffer.length / 1024 / 1024).toFixed(1)} MB ` +
        `(generated in ${((Date.now() - started) / 1000).toFixed(1)} s)`,
    );
    const floor = await rawInsertFloor(url, households, good.members);
    console.log(`  floor (bare-driver insert of the same rows): ${floor.toFixed(2)} s`);
    api.resetRss();
    const first = await upload(api, good.buffer, 'bench.xlsx');
    const summary = (r: Record<string, unknown>) =>
      `created ${r.created}, updated ${r.updated}, unchanged ${r.unchanged}, failed ${r.failed}, errors ${(r.errors as unknown[]).length}`;
    console.log(
      `  first import:  ${first.seconds.toFixed(2)} s (${(first.seconds / floor).toFixed(1)}× floor, API CPU ${first.cpu.toFixed(1)} s) — ${summary(first.body)}; API RSS max ${api.maxRss().toFixed(0)} MB`,
    );
    // RSS is sampled per import: the high-water mark of the one before says nothing about this one.
    api.resetRss();
    const again = await upload(api, good.buffer, 'bench.xlsx');
    console.log(
      `  same file again: ${again.seconds.toFixed(2)} s (API CPU ${again.cpu.toFixed(1)} s) — ${summary(again.body)}; API RSS max ${api.maxRss().toFixed(0)} MB`,
    );
    started = Date.now();
    const mixed = await buildLedger({
      villages,
      cadres,
      households,
      bad,
      codePrefix: 'BX',
      seed: 2,
      intentShare,
      areaCodes: ['433123', '433125', '433126'],
    });
    const before = api.rss();
    api.resetRss();
    const third = await upload(api, mixed.buffer, 'bad.xlsx');
    writeFileSync(join(WORK, `bad-rows-report-${db}.json`), JSON.stringify(third.body, null, 1));
    console.log(
      `  ${bad} bad rows:  ${third.seconds.toFixed(2)} s (API CPU ${third.cpu.toFixed(1)} s) — ${summary(third.body)}; API RSS ${before.toFixed(0)} MB before, max ${api.maxRss().toFixed(0)} MB`,
    );
  } finally {
    await stopApi(api);
  }
}

async function exportBench(
  db: string,
  households: number,
  port: number,
  reuse: boolean,
  reveal: boolean,
): Promise<void> {
  console.log(`\n== export: ${households} households on ${db}`);
  const url = reuse
    ? databaseUrl(db, 'ledger_bench_export')
    : await prepare(db, 'ledger_bench_export', households);
  const api = await startApi(url, port);
  try {
    await get(api, '/households?pageSize=1');
    const idle = api.rss();
    api.resetRss();
    const started = Date.now();
    const response = await fetch(`${api.base}/api/v1/households/export?reveal=${reveal}`, {
      headers: { authorization: `Bearer ${api.token}` },
    });
    if (!response.ok || !response.body) throw new Error(`export: ${response.status}`);
    let bytes = 0;
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) bytes += chunk.length;
    const seconds = (Date.now() - started) / 1000;
    console.log(
      `  export${reveal ? ' (reveal=true)' : ''}: ${(bytes / 1024 / 1024).toFixed(1)} MB in ${seconds.toFixed(1)} s; ` +
        `API RSS ${idle.toFixed(0)} MB idle, ` +
        `${api.maxRss().toFixed(0)} MB max during the export`,
    );
  } finally {
    await stopApi(api);
  }
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const db = args.get('db') ?? 'sqlite';
  if (db !== 'sqlite' && db !== 'postgres') throw new Error('--db must be sqlite or postgres');
  mkdirSync(WORK, { recursive: true });
  if (!args.has('no-build')) {
    console.log('building the API into data/ledger-bench-dist …');
    rmSync(DIST, { recursive: true, force: true });
    try {
      execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json', '--outDir', DIST], {
        cwd: ROOT,
        stdio: 'ignore',
      });
    } catch {
      // Type errors elsewhere in a shared tree still emit JavaScript; the API start below is the real check.
    }
  }
  const port = intArg(args, 'port', 3310);
  if (!args.has('skip-import'))
    await importBench(
      db,
      intArg(args, 'households', 10_000),
      intArg(args, 'bad', 1_000),
      port,
      Number(args.get('intent-share') ?? 0.6),
    );
  const exportCount = intArg(args, 'export', 100_000);
  if (exportCount > 0)
    await exportBench(db, exportCount, port, args.has('reuse-export-db'), args.get('reveal') !== 'false');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
