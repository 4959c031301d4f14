import { residentId } from '../support/factories';
import { startServer, ServerProcess } from '../support/server-process';
import { createTestDatabase, TestDatabase } from '../support/test-database';

/**
 * The real process in production mode, its log read as an operator (or whoever collects the logs) would:
 * searched resident IDs and phones, passwords and stack traces for client input must not be in it.
 */
describe('security: what the server writes to its log', () => {
  let database: TestDatabase;
  let server: ServerProcess;
  let admin: string;
  const id = residentId('female');
  const phone = '13987654321';

  const api = (path: string, init: RequestInit = {}) =>
    fetch(`${server.url}/api/v1${path}`, {
      ...init,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}`, ...init.headers },
    });

  beforeAll(async () => {
    database = await createTestDatabase();
    server = await startServer({
      NODE_ENV: 'production',
      DATABASE_URL: database.url,
      ADMIN_PASSWORD: 'admin-password-for-logs',
    });
    const login = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'admin-password-for-logs' }),
    });
    admin = ((await login.json()) as { accessToken: string }).accessToken;
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  it('keeps searched IDs and phones, passwords and stack traces for bad input out of the log', async () => {
    for (const path of [
      `/households?q=${id}`,
      `/households?q=${phone}&page=1`,
      `/households?q=${encodeURIComponent('龙秀英')}`,
      `/households/export?q=${id}`,
    ]) {
      const response = await api(path);
      expect(response.status).toBe(200);
      await response.arrayBuffer();
    }
    const wrong = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'Secret-Guess-42' }),
    });
    expect(wrong.status).toBe(401);
    const deep = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: `{"username":${'['.repeat(100_000)}${']'.repeat(100_000)}}`,
    });
    expect(deep.status).toBe(400);
    // The sealer has run (every 2 s) and the request lines are flushed.
    await new Promise((resolve) => setTimeout(resolve, 2500));

    const log = server.output();
    expect(log).toContain('/api/v1/households?q=[redacted]&page=1');
    expect(log).not.toContain(id);
    expect(log).not.toContain(phone);
    expect(log).not.toContain('龙秀英');
    expect(log).not.toContain(encodeURIComponent('龙秀英'));
    expect(log).not.toContain('Secret-Guess-42');
    expect(log).not.toContain('admin-password-for-logs');
    expect(log).not.toMatch(/RangeError|Maximum call stack|\n\s+at /);
    // The audit chain's checkpoint goes to the log too, outside the database.
    expect(log).toMatch(/audit checkpoint \{\\?"entries\\?":\d+,\\?"head\\?":\\?"[0-9a-f]{64}/);
  });
});
