/**
 * `npm run bench:console`: the console in Chromium against the production build on a large data set (issue #11).
 *
 * 1. Initial JavaScript of the login and dashboard routes: every script the page loads until it is ready and the
 *    network is idle, raw and gzip-compressed (level 6, what a compressing proxy sends).
 * 2. Dashboard ready-to-read time after login: from the click on 登录 to the matrix, today's figures and the
 *    30-day trend drawn, in a fresh browser profile (cold cache) and again with the assets cached (warm).
 *
 *   npm run bench:console -- --database sqlite:/tmp/bench/relocation-bench.sqlite [--runs 7] [--no-build]
 *
 * Uses Debian's Chromium (scripts/ensure-browser.sh) and the data of `npm run bench:seed` (password Bench@2026).
 */
import { chromium, type Browser, type Page } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { loadConfig } from '../src/config/app-config';
import { intArg, parseArgs } from './lib/args';
import { ServerProcess, waitFor } from './lib/processes';

const ROOT = resolve(__dirname, '..');
const RESULTS = join(ROOT, 'bench', 'results');

interface Script {
  url: string;
  raw: number;
  gzip: number;
}

interface RouteWeight {
  route: string;
  scripts: Script[];
  raw: number;
  gzip: number;
}

/** The dashboard is ready to read when the matrix has its cells, the figures are in and the trend is drawn. */
async function dashboardReady(page: Page): Promise<void> {
  // A function, not a string (the console's CSP forbids eval); `document` through globalThis because this file
  // compiles without the DOM types.
  await page.waitForFunction(
    () => {
      const d = (globalThis as unknown as { document: { querySelector(s: string): unknown } }).document;
      return (
        d.querySelector('[data-testid="stage-matrix"] [data-testid^="cell-"]') !== null &&
        d.querySelector('[data-testid="today-figures"] .ant-statistic-content-value') !== null &&
        d.querySelector('[data-testid="trend-chart"] canvas') !== null
      );
    },
    undefined,
    { polling: 'raf', timeout: 60_000 },
  );
}

async function login(page: Page, username: string, password: string): Promise<number> {
  await page.goto('/login');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  const started = performance.now();
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await dashboardReady(page);
  return performance.now() - started;
}

/** Every script a route loads, from a fresh profile, until it shows its content and the network rests. */
async function routeWeight(
  browser: Browser,
  baseURL: string,
  route: string,
  open: (page: Page) => Promise<void>,
): Promise<RouteWeight> {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  const loads: Promise<Script | null>[] = [];
  page.on('response', (response) => {
    if (response.request().resourceType() !== 'script') return;
    loads.push(
      response
        .body()
        .then((body) => ({
          url: new URL(response.url()).pathname,
          raw: body.length,
          gzip: gzipSync(body).length,
        }))
        .catch(() => null),
    );
  });
  await open(page);
  await page.waitForLoadState('networkidle');
  const scripts = (await Promise.all(loads)).filter((s): s is Script => s !== null);
  await context.close();
  return {
    route,
    scripts,
    raw: scripts.reduce((sum, s) => sum + s.raw, 0),
    gzip: scripts.reduce((sum, s) => sum + s.gzip, 0),
  };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const ms = (value: number) => `${Math.round(value)} ms`;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const databaseUrl = args.get('database');
  if (!databaseUrl)
    throw new Error('--database sqlite:<path> | postgres://… is required (npm run bench:seed)');
  const runs = intArg(args, 'runs', 7);
  const port = intArg(args, 'port', 3110);
  const username = args.get('user') ?? 'commander';
  const password = args.get('password') ?? 'Bench@2026';
  const label = args.get('label') ?? 'console';
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const baseURL = `http://127.0.0.1:${port}`;
  mkdirSync(RESULTS, { recursive: true });

  if (args.get('no-build') !== 'true') {
    const built = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
    if (built.status !== 0) throw new Error('npm run build failed');
  }
  const config = loadConfig({ ...process.env, DATABASE_URL: databaseUrl });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    PORT: String(port),
    HOST: '127.0.0.1',
    DATABASE_URL: databaseUrl,
    PII_KEY: config.piiKey.toString('hex'),
    JWT_SECRET: config.jwtSecret,
  };
  delete env.REDIS_URL;
  const server = new ServerProcess('api', process.execPath, [join(ROOT, 'dist', 'src', 'main.js')], {
    cwd: ROOT,
    env,
    logFile: join(RESULTS, `console-api-${label}-${stamp}.log`),
  });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  try {
    await waitFor('the API', async () => (await fetch(`${baseURL}/health`)).ok, 300, 200, server);
    const loadAverageAtStart = loadavg().map((l) => Number(l.toFixed(2)));

    const weights = [
      await routeWeight(browser, baseURL, '/login', async (page) => {
        await page.goto('/login');
        await page.getByLabel('用户名').waitFor();
      }),
      await routeWeight(browser, baseURL, '/ (dashboard, after login)', async (page) => {
        const answer = await page.request.post('/api/v1/auth/session', { data: { username, password } });
        if (!answer.ok()) throw new Error(`login failed: ${answer.status()}`);
        await page.goto('/');
        await dashboardReady(page);
      }),
    ];

    const cold: number[] = [];
    const warm: number[] = [];
    const apiTimes = new Map<string, number[]>();
    for (let run = 0; run < runs; run++) {
      const context = await browser.newContext({ baseURL });
      const page = await context.newPage();
      page.on('requestfinished', (request) => {
        const path = new URL(request.url()).pathname;
        if (!path.startsWith('/api/v1/')) return;
        const timing = request.timing();
        const times = apiTimes.get(path) ?? [];
        times.push(timing.responseEnd - timing.requestStart);
        apiTimes.set(path, times);
      });
      cold.push(await login(page, username, password));
      // Signed out and in again: the assets are in the cache, as for someone who used the console yesterday.
      await context.clearCookies();
      warm.push(await login(page, username, password));
      await context.close();
    }

    const result = {
      label,
      at: new Date().toISOString(),
      machine: {
        cpus: cpus().length,
        node: process.version,
        loadAverageAtStart,
        loadAverageAtEnd: loadavg(),
      },
      browser: browser.version(),
      database: databaseUrl.replace(/\/\/[^@]*@/, '//'),
      weights,
      readyAfterLogin: { coldMs: cold, warmMs: warm },
      apiMs: Object.fromEntries([...apiTimes].map(([path, times]) => [path, times])),
    };
    const file = join(RESULTS, `console-${label}-${stamp}.json`);
    writeFileSync(file, JSON.stringify(result, null, 2));

    for (const weight of weights) {
      console.log(
        `${weight.route}: ${weight.scripts.length} scripts, ${kb(weight.raw)} raw, ${kb(weight.gzip)} gzip`,
      );
      for (const s of weight.scripts) console.log(`    ${s.url}  ${kb(s.raw)}  gzip ${kb(s.gzip)}`);
    }
    console.log(
      `dashboard ready after login (${runs} runs): cold cache median ${ms(median(cold))} ` +
        `(${ms(Math.min(...cold))}–${ms(Math.max(...cold))}), warm median ${ms(median(warm))} ` +
        `(${ms(Math.min(...warm))}–${ms(Math.max(...warm))})`,
    );
    for (const [path, times] of apiTimes) console.log(`    ${path}: median ${ms(median(times))}`);
    console.log(
      `load average ${loadAverageAtStart.join(' ')} → ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
    console.log(`results: ${file}`);
  } finally {
    await browser.close();
    await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
