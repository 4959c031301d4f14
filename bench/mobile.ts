/**
 * `npm run bench:mobile`: the cadre's phone app (/m/) in Chromium as a mid-range phone on a weak signal (issue #13).
 *
 * The phone: 360 × 740, touch, CPU throttled 4× (CDP Emulation.setCPUThrottlingRate) and Chrome DevTools' "Slow 4G"
 * network preset (562.5 ms latency, 1.44 Mbit/s down, 675 kbit/s up; CDP Network.emulateNetworkConditions), on the
 * production build served by the API process on a `bench:seed` data set. It reports:
 *
 * 1. First-load JavaScript: every script /m/ loads until the household list shows, raw and gzip -6.
 * 2. First online start: from opening /m/ to the login form, and from the click on 登录 to the household list (the
 *    first pull of the cadre's households included), in a fresh profile.
 * 3. The first pull itself: time, bytes and households of `GET /api/v1/sync/pull`.
 * 4. Offline start: the app closed, the network cut, the app opened again, until the household list shows.
 *
 *   npm run bench:mobile -- --database sqlite:/tmp/bench/mobile-bench.sqlite [--runs 5] [--no-build]
 *
 * The cadre is the seed's cadre whose household count is nearest 300 (seed with `--cadres 333` for 100,000
 * households: about 300 each). Uses Debian's Chromium (scripts/ensure-browser.sh).
 */
import { type Browser, type BrowserContext, type Page } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { intArg, parseArgs } from './lib/args';
import { RESULTS, startBrowserBench } from './lib/browser-bench';

/** Chrome DevTools' "Slow 4G" preset (front_end/core/sdk/NetworkManager.ts), in bytes per second. */
const SLOW_4G = {
  offline: false,
  latency: 150 * 3.75,
  downloadThroughput: ((1.6 * 1000 * 1000) / 8) * 0.9,
  uploadThroughput: ((750 * 1000) / 8) * 0.9,
};
const CPU_SLOWDOWN = 4;

/** The list shows: at least one household card (the app's own test id). */
const LIST_ITEM = '[data-testid="household-item"]';

interface Script {
  url: string;
  raw: number;
  gzip: number;
}

interface Run {
  shellMs: number;
  loginToListMs: number;
  pullMs: number;
  pullBytes: number;
  pullHouseholds: number;
  offlineStartMs: number;
  /** The same start by the page's own clock: navigation start → the first row in the DOM. */
  offlineInPageMs: number;
  scripts: Script[];
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const ms = (value: number) => `${Math.round(value)} ms`;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const spread = (values: number[]) =>
  `median ${ms(median(values))} (${ms(Math.min(...values))}–${ms(Math.max(...values))})`;

async function phone(browser: Browser, baseURL: string): Promise<BrowserContext> {
  return browser.newContext({
    baseURL,
    viewport: { width: 360, height: 740 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
}

async function throttle(page: Page): Promise<void> {
  if (process.env.BENCH_NO_THROTTLE) return; // to tell the phone's own cost from the network's and the CPU's
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', SLOW_4G);
}

async function oneRun(browser: Browser, baseURL: string, username: string, password: string): Promise<Run> {
  const context = await phone(browser, baseURL);
  const page = await context.newPage();
  await throttle(page);
  const scripts: Promise<Script | null>[] = [];
  let listShown = false;
  page.on('response', (response) => {
    if (listShown || response.request().resourceType() !== 'script') return;
    scripts.push(
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
  const pulled = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/sync/pull', {
    timeout: 120_000,
  });
  pulled.catch(() => undefined); // awaited below; a failure before then is reported by the step that failed

  const opened = performance.now();
  await page.goto('/m/');
  await page.getByPlaceholder('请输入用户名').waitFor({ timeout: 120_000 });
  const shellMs = performance.now() - opened;
  await page.getByPlaceholder('请输入用户名').fill(username);
  await page.getByPlaceholder('请输入密码').fill(password);
  const clicked = performance.now();
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.locator(LIST_ITEM).first().waitFor({ timeout: 120_000 });
  const loginToListMs = performance.now() - clicked;
  listShown = true;

  const pull = await pulled;
  const timing = pull.request().timing();
  const body = await pull.body();
  const pullHouseholds = (JSON.parse(body.toString('utf8')) as { households: unknown[] }).households.length;
  const sizes = await pull.request().sizes();

  // The service worker has the shell once it is installed; then the network goes, and the app opens again.
  await page.waitForFunction(
    () => {
      // `navigator` through globalThis: this file compiles without the DOM types.
      const n = (globalThis as unknown as { navigator: { serviceWorker?: { controller: unknown } } })
        .navigator;
      return !!n.serviceWorker?.controller;
    },
    undefined,
    { timeout: 120_000 },
  );
  // The app is closed (its tab too: an open one would still be syncing on the same CPU), the network goes, and
  // the cadre opens the app again.
  await page.close();
  await context.setOffline(true);
  const offline = await context.newPage();
  await throttle(offline);
  // The page's own clock too: when the first row entered the DOM, from the navigation's start (no Playwright
  // round trips, no new-tab set-up in it).
  await offline.addInitScript((selector: string) => {
    const w = globalThis as unknown as {
      document: { querySelector(s: string): unknown; addEventListener(e: string, f: () => void): void };
      MutationObserver: new (f: () => void) => { observe(n: unknown, o: object): void; disconnect(): void };
      performance: { now(): number };
      __listAt?: number;
    };
    w.document.addEventListener('DOMContentLoaded', () => {
      const observer = new w.MutationObserver(() => {
        if (!w.document.querySelector(selector)) return;
        w.__listAt = w.performance.now();
        observer.disconnect();
      });
      observer.observe((w.document as unknown as { body: unknown }).body, { childList: true, subtree: true });
    });
  }, LIST_ITEM);
  const reopened = performance.now();
  await offline.goto('/m/');
  await offline.locator(LIST_ITEM).first().waitFor({ timeout: 60_000 });
  const offlineStartMs = performance.now() - reopened;
  const offlineInPageMs = await offline.evaluate(
    () => (globalThis as unknown as { __listAt: number }).__listAt,
  );
  await context.close();

  return {
    shellMs,
    loginToListMs,
    pullMs: timing.responseEnd - timing.requestStart,
    pullBytes: sizes.responseBodySize,
    pullHouseholds,
    offlineStartMs,
    offlineInPageMs,
    scripts: (await Promise.all(scripts)).filter((s): s is Script => s !== null),
  };
}

/** The seed's cadre whose household count is nearest `wanted` (the commander's list counts them). */
async function pickCadre(
  baseURL: string,
  password: string,
  wanted: number,
): Promise<{ username: string; households: number }> {
  const login = await fetch(`${baseURL}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'commander', password }),
  });
  const { accessToken } = (await login.json()) as { accessToken: string };
  const get = async <T>(path: string): Promise<T> =>
    (await (
      await fetch(`${baseURL}/api/v1${path}`, { headers: { authorization: `Bearer ${accessToken}` } })
    ).json()) as T;
  const cadres = await get<{ items: { id: string; username: string }[] }>('/users?role=cadre&pageSize=40');
  let best = { username: '', households: -1 };
  for (const cadre of cadres.items) {
    const { total } = await get<{ total: number }>(`/households?cadreId=${cadre.id}&pageSize=1`);
    if (best.households < 0 || Math.abs(total - wanted) < Math.abs(best.households - wanted))
      best = { username: cadre.username, households: total };
  }
  return best;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const databaseUrl = args.get('database');
  if (!databaseUrl)
    throw new Error('--database sqlite:<path> | postgres://… is required (npm run bench:seed)');
  const runs = intArg(args, 'runs', 5);
  const port = intArg(args, 'port', 3111);
  const password = args.get('password') ?? 'Bench@2026';
  const label = args.get('label') ?? 'mobile';
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const { baseURL, browser, stop } = await startBrowserBench({
    databaseUrl,
    port,
    build: args.get('no-build') !== 'true',
    logName: `mobile-api-${label}-${stamp}.log`,
  });
  try {
    const loadAverageAtStart = loadavg().map((l) => Number(l.toFixed(2)));
    const cadre = await pickCadre(baseURL, password, 300);
    console.log(`cadre ${cadre.username}: ${cadre.households} households`);

    const results: Run[] = [];
    for (let run = 0; run < runs; run++)
      results.push(await oneRun(browser, baseURL, cadre.username, password));

    const first = results[0].scripts;
    const jsGzip = first.reduce((sum, s) => sum + s.gzip, 0);
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
      throttling: { cpu: CPU_SLOWDOWN, network: SLOW_4G },
      database: databaseUrl.replace(/\/\/[^@]*@/, '//'),
      cadre,
      runs: results,
    };
    const file = join(RESULTS, `mobile-${label}-${stamp}.json`);
    writeFileSync(file, JSON.stringify(result, null, 2));

    console.log(
      `first-load JavaScript: ${first.length} scripts, ${kb(first.reduce((s, x) => s + x.raw, 0))} raw, ${kb(jsGzip)} gzip`,
    );
    for (const s of first) console.log(`    ${s.url}  ${kb(s.raw)}  gzip ${kb(s.gzip)}`);
    console.log(`phone: CPU ${CPU_SLOWDOWN}× slower, Slow 4G; ${runs} runs, fresh profile each`);
    console.log(`    /m/ opened → login form:            ${spread(results.map((r) => r.shellMs))}`);
    console.log(`    登录 clicked → household list:       ${spread(results.map((r) => r.loginToListMs))}`);
    console.log(
      `    first online start (the two above): ${spread(results.map((r) => r.shellMs + r.loginToListMs))}`,
    );
    console.log(
      `    first pull, ${results[0].pullHouseholds} households, ${kb(results[0].pullBytes)}: ${spread(results.map((r) => r.pullMs))}`,
    );
    console.log(`    offline start → household list:     ${spread(results.map((r) => r.offlineStartMs))}`);
    console.log(
      `      by the page's clock (nav → 1st row): ${spread(results.map((r) => r.offlineInPageMs))}`,
    );
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
