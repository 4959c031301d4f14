import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ServerProcess, startServer } from '../support/server-process';
import { createTestDatabase, TestDatabase } from '../support/test-database';

const login = (server: ServerProcess, username: string, password: string) =>
  fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });

/** What only a person at the terminal sees: nothing that looks like breakage, nothing buried. */
function expectCleanStart(output: string): void {
  expect(output).not.toMatch(/\b(WARN|ERROR|FATAL)\b|"level":(4|5|6)\d/);
  expect(output).not.toMatch(/LegacyRouteConverter|Unsupported route path/);
  expect(output).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/); // a stack trace
  expect(output).not.toMatch(/Mapped \{|RoutesResolver|InstanceLoader/); // route mapping is debug
}

/**
 * `npm start` on a fresh database, as a newcomer runs it (development: demo data, readable logs): the start ends
 * with a short framed block that says what to open and how to sign in, and nothing in it looks like breakage.
 */
describe('the first start', () => {
  let database: TestDatabase;
  let dataDir: string;
  let server: ServerProcess;
  let startOutput: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataDir = mkdtempSync(join(tmpdir(), 'first-start-'));
    server = await startServer(
      {
        NODE_ENV: 'development',
        DATABASE_URL: database.url,
        DATA_DIR: dataDir,
        WEB_DIST: join(dataDir, 'no-console-build'),
        ADMIN_PASSWORD: undefined, // a newcomer sets nothing: the password is generated and shown once
        LOG_FORMAT: undefined,
      },
      ['--seed-demo'],
      { timeoutMs: 240_000 },
    );
    startOutput = server.output();
  }, 300_000);
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('ends with the framed block: console, API docs, admin password, demo logins', async () => {
    const lines = startOutput.trimEnd().split('\n');
    expect(lines[lines.length - 1]).toMatch(/^╰─+╯$/);
    const top = lines.findIndex((line) => /^╭─+╮$/.test(line));
    expect(top).toBeGreaterThan(0);
    const block = lines.slice(top).join('\n');
    const port = new URL(server.url).port;
    expect(block).toContain(`http://localhost:${port}/docs`);
    expect(block).toContain(`http://localhost:${port}/api/v1`);
    expect(block).toMatch(/commander, supervisor, official, handler/);
    expect(block).toContain('Demo@2026');
    const password = /admin \/ (\S+)/.exec(block)?.[1];
    expect(password).toBeTruthy();
    // Every line of the block is framed, and it is short.
    expect(lines.length - top).toBeLessThanOrEqual(14);
    for (const line of lines.slice(top + 1, -1)) expect(line).toMatch(/^│ .* │$/);

    expect((await login(server, 'admin', password!)).status).toBe(200);
    expect((await login(server, 'commander', 'Demo@2026')).status).toBe(200);
    // The password is shown in the block only, once.
    expect(startOutput.split(password!).length - 1).toBe(1);
  });

  it('writes readable lines, no warning, no stack trace, no route list', () => {
    expectCleanStart(startOutput);
    expect(startOutput).not.toMatch(/^\{"level"/m);
    expect(startOutput).toMatch(/INFO: \[DemoSeeder\] Demo data: 5 villages, 12 cadres, 300 households/);
  });

  it('logs requests as one readable line each, personal data left out', async () => {
    const response = await fetch(`${server.url}/api/v1/households?q=433101198003150024`);
    expect(response.status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const after = server.output().slice(startOutput.length);
    expect(after).toMatch(/GET \/api\/v1\/households\?q=\[redacted\] 401 \d+ ms/);
    expect(after).not.toContain('433101198003150024');
  });
});

/** Production keeps JSON lines, one object each; the same facts as one "ready" line, no warning. */
describe('a production start', () => {
  let database: TestDatabase;
  let server: ServerProcess;

  beforeAll(async () => {
    database = await createTestDatabase();
    server = await startServer({
      NODE_ENV: 'production',
      DATABASE_URL: database.url,
      ADMIN_PASSWORD: undefined,
    });
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  it('writes JSON lines only, with one ready line', async () => {
    const lines = server.output().trim().split('\n');
    const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expectCleanStart(server.output());
    const ready = entries.find((entry) => entry.msg === 'ready')!;
    expect(ready).toMatchObject({ level: 30, api: expect.stringMatching(/\/api\/v1$/) });
    expect(ready.docs).toBeUndefined(); // API_DOCS is off in production
    expect((await login(server, 'admin', ready.adminPassword as string)).status).toBe(200);
  });
});
