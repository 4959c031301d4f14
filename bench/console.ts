/**
 * `npm run bench:console`: the console in Chromium against the production build on a large data set (issue #11).
 *
 * 1. Initial JavaScript of the login and dashboard routes: every script the page loads until it is ready and the
 *    network is idle, raw and gzip-compressed (level 6, what a compressing proxy sends).
 * 2. Dashboard ready-to-read time after login: until the matrix and today's figures are on screen, from the
 *    session's response and from the click on 登录, and until the 30-day trend is drawn, in a fresh browser
 *    profile (cold cache) and again with the assets cached (warm).
 *
 *   npm run bench:console -- --database sqlite:/tmp/bench/relocation-bench.sqlite [--runs 7] [--no-build]
 *
 * Uses Debian's Chromium (scripts/ensure-browser.sh) and the data of `npm run bench:seed` (password Bench@2026).
 */
import { type Browser, type Page } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { intArg, parseArgs } from './lib/args';
import { RESULTS, startBrowserBench } from './lib/browser-bench';

interface Script {
  url: string;
  raw: number;
  gzip: number;
  /** Loaded before the route showed its content, or afterwards (prefetched, or drawn below the fold). */
  phase: 'initial' | 'later';
}

interface RouteWeight {
  route: string;
  scripts: Script[];
  /** Gzip bytes of the scripts loaded before the route showed its content. */
  initialGzip: number;
  raw: number;
  gzip: number;
}

/** Waits until every selector has an element (a function, not a string: the console's CSP forbids eval). */
async function waitForAll(page: Page, selectors: string[]): Promise<void> {
  await page.waitForFunction(
    (wanted: string[]) => {
      // `document` through globalThis because this file compiles without the DOM types.
      const d = (globalThis as unknown as { document: { querySelector(s: string): unknown } }).document;
      return wanted.every((selector) => d.querySelector(selector) !== null);
    },
    selectors,
    { polling: 'raf', timeout: 60_000 },
  );
}

/** Readable: the matrix has its cells and today's figures are in (what the command centre reads first). */
const READABLE = [
  '[data-testid="stage-matrix"] [data-testid^="cell-"]',
  '[data-testid="today-figures"] .ant-statistic-content-value',
];
/** Complete: the 30-day trend below them is drawn too (ECharts is fetched once the figures are on screen). */
const CHART = ['[data-testid="trend-chart"] canvas'];

interface LoginTimes {
  /** Click on 登录 → dashboard readable. */
  readableFromClick: number;
  /** The session's response (password checked) → dashboard readable. */
  readableAfterSession: number;
  /** Click on 登录 → trend drawn. */
  completeFromClick: number;
  /** The POST /auth/session round trip (argon2id). */
  session: number;
}

async function login(page: Page, username: string, password: string): Promise<LoginTimes> {
  await page.goto('/login');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  // The login page fetches the dashboard's code while the user types; give it the time a person would take.
  await page.waitForLoadState('networkidle');
  const sessionAnswered = page
    .waitForResponse((r) => r.url().endsWith('/api/v1/auth/session') && r.request().method() === 'POST')
    .then(() => performance.now());
  const started = performance.now();
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await waitForAll(page, READABLE);
  const readable = performance.now();
  await waitForAll(page, CHART);
  const complete = performance.now();
  const session = await sessionAnswered;
  return {
    readableFromClick: readable - started,
    readableAfterSession: readable - session,
    completeFromClick: complete - started,
    session: session - started,
  };
}

/**
 * Every script a route loads, from a fresh profile, until it shows its content (`open` resolves: "initial") and
 * then until the network rests ("later").
 */
async function routeWeight(
  browser: Browser,
  baseURL: string,
  route: string,
  open: (page: Page) => Promise<void>,
): Promise<RouteWeight> {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  const loads: Promise<Script | null>[] = [];
  let phase: Script['phase'] = 'initial';
  page.on('response', (response) => {
    if (response.request().resourceType() !== 'script') return;
    const at = phase;
    loads.push(
      response
        .body()
        .then((body) => ({
          url: new URL(response.url()).pathname,
          raw: body.length,
          gzip: gzipSync(body).length,
          phase: at,
        }))
        .catch(() => null),
    );
  });
  await open(page);
  phase = 'later';
  await page.waitForLoadState('networkidle');
  const scripts = (await Promise.all(loads)).filter((s): s is Script => s !== null);
  await context.close();
  return {
    route,
    scripts,
    initialGzip: scripts.filter((s) => s.phase === 'initial').reduce((sum, s) => sum + s.gzip, 0),
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
  const { baseURL, browser, stop } = await startBrowserBench({
    databaseUrl,
    port,
    build: args.get('no-build') !== 'true',
    logName: `console-api-${label}-${stamp}.log`,
  });
  try {
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
        await waitForAll(page, READABLE);
      }),
    ];

    // The target: the JavaScript a user waits for between opening /login and reading the dashboard, each script
    // counted once (the login page fetches the dashboard's code while the user types).
    const [loginWeight, dashboardWeight] = weights;
    const firstScripts = new Map<string, Script>();
    for (const s of [...loginWeight.scripts, ...dashboardWeight.scripts.filter((d) => d.phase === 'initial')])
      firstScripts.set(s.url, s);
    const loginPlusDashboardGzip = [...firstScripts.values()].reduce((sum, s) => sum + s.gzip, 0);

    const cold: LoginTimes[] = [];
    const warm: LoginTimes[] = [];
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
      loginPlusDashboardGzip,
      login: { cold, warm },
      apiMs: Object.fromEntries([...apiTimes].map(([path, times]) => [path, times])),
    };
    const file = join(RESULTS, `console-${label}-${stamp}.json`);
    writeFileSync(file, JSON.stringify(result, null, 2));

    for (const weight of weights) {
      console.log(
        `${weight.route}: ${weight.scripts.length} scripts, ${kb(weight.raw)} raw, ${kb(weight.gzip)} gzip ` +
          `(${kb(weight.initialGzip)} before its content showed)`,
      );
      for (const s of weight.scripts)
        console.log(`    ${s.url}  ${kb(s.raw)}  gzip ${kb(s.gzip)}  ${s.phase}`);
    }
    console.log(
      `login + dashboard until readable: ${firstScripts.size} scripts, ${kb(loginPlusDashboardGzip)} gzip`,
    );
    const spread = (values: number[]) =>
      `median ${ms(median(values))} (${ms(Math.min(...values))}–${ms(Math.max(...values))})`;
    for (const [name, times] of [
      ['cold cache', cold],
      ['warm cache', warm],
    ] as const) {
      console.log(`dashboard, ${name} (${runs} runs):`);
      console.log(
        `    readable after the session was opened: ${spread(times.map((t) => t.readableAfterSession))}`,
      );
      console.log(
        `    readable after the click on 登录:      ${spread(times.map((t) => t.readableFromClick))}`,
      );
      console.log(
        `    trend drawn after the click:          ${spread(times.map((t) => t.completeFromClick))}`,
      );
      console.log(`    POST /auth/session (argon2id):        ${spread(times.map((t) => t.session))}`);
    }
    for (const [path, times] of apiTimes) console.log(`    ${path}: median ${ms(median(times))}`);
    console.log(
      `load average ${loadAverageAtStart.join(' ')} → ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
    console.log(`results: ${file}`);
  } finally {
    await stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
