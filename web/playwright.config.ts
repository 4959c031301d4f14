import { defineConfig } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONSOLE_JWT_SECRET } from './e2e/support';

const PORT = Number(process.env.CONSOLE_TEST_PORT ?? 3077);
// A fresh SQLite database with the demo data for every run: the journeys read what `npm start` shows.
const dataDir = process.env.CONSOLE_TEST_DATA ?? mkdtempSync(join(tmpdir(), 'console-e2e-'));
process.env.CONSOLE_TEST_DATA = dataDir; // the same folder for the workers Playwright starts later

/**
 * Browser journeys in Debian's Chromium (no Playwright browser download is reachable) against the production
 * build served by the real API process (`npm run build` first; scripts/ensure-browser.sh installs Chromium).
 */
export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  // One retry in CI: a journey that passes on its second try is reported as flaky (in the list and the JSON),
  // not hidden; a real regression fails both tries.
  retries: process.env.CI ? 1 : 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1440, height: 900 },
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [
    { name: 'console', testIgnore: /e2e\/mobile[^/]*\.spec\.ts$/ },
    {
      // The cadres' phone app (/m/) as a phone shows it: 360 px wide, touch, a mobile Chrome user agent.
      name: 'mobile',
      testMatch: /e2e\/mobile[^/]*\.spec\.ts$/,
      use: {
        viewport: { width: 360, height: 740 },
        deviceScaleFactor: 2,
        isMobile: true,
        hasTouch: true,
        userAgent:
          'Mozilla/5.0 (Linux; Android 13; V2227A) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
        serviceWorkers: 'allow',
      },
    },
  ],
  webServer: {
    command: 'node dist/src/main.js --seed-demo',
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    url: `http://127.0.0.1:${PORT}/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    env: {
      PORT: String(PORT),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      ADMIN_PASSWORD: 'Admin@2026-console',
      JWT_SECRET: CONSOLE_JWT_SECRET,
      LOG_LEVEL: 'warn',
      NODE_ENV: 'development',
    },
  },
});
