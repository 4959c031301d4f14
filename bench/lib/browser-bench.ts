import { chromium, type Browser } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadConfig } from '../../src/config/app-config';
import { ServerProcess, waitFor } from './processes';

const ROOT = resolve(__dirname, '..', '..');
export const RESULTS = join(ROOT, 'bench', 'results');

export interface BrowserBench {
  baseURL: string;
  browser: Browser;
  server: ServerProcess;
  stop(): Promise<void>;
}

/**
 * The browser benchmarks' stage: `npm run build` unless told not to, the production API on `databaseUrl` (embedded
 * mode: no Redis) on a port nobody else answers, and Debian's Chromium (scripts/ensure-browser.sh).
 */
export async function startBrowserBench(options: {
  databaseUrl: string;
  port: number;
  build: boolean;
  logName: string;
}): Promise<BrowserBench> {
  const baseURL = `http://127.0.0.1:${options.port}`;
  mkdirSync(RESULTS, { recursive: true });
  if (options.build) {
    const built = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
    if (built.status !== 0) throw new Error('npm run build failed');
  }
  // A stale API from a crashed run would answer instead of this build.
  const taken = await fetch(`${baseURL}/health`).then(
    () => true,
    () => false,
  );
  if (taken)
    throw new Error(`port ${options.port} is in use (an API left running?): choose another with --port`);
  const config = loadConfig({ ...process.env, DATABASE_URL: options.databaseUrl });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    PORT: String(options.port),
    HOST: '127.0.0.1',
    DATABASE_URL: options.databaseUrl,
    PII_KEY: config.piiKey.toString('hex'),
    JWT_SECRET: config.jwtSecret,
  };
  delete env.REDIS_URL;
  const server = new ServerProcess('api', process.execPath, [join(ROOT, 'dist', 'src', 'main.js')], {
    cwd: ROOT,
    env,
    logFile: join(RESULTS, options.logName),
  });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  const stop = async () => {
    await browser.close();
    await server.stop();
  };
  try {
    await waitFor('the API', async () => (await fetch(`${baseURL}/health`)).ok, 300, 200, server);
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseURL, browser, server, stop };
}
