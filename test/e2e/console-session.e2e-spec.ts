import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { auth, Factory, World } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';

const cookiesOf = (response: { headers: Record<string, unknown> }) =>
  ([] as string[]).concat((response.headers['set-cookie'] as string[] | undefined) ?? []);
const pair = (cookies: string[], name: string) =>
  cookies.find((c) => c.startsWith(`${name}=`))!.split(';')[0];

/** The console's session: an httpOnly cookie no script can read, a CSRF token for every unsafe request. */
describe('console: browser sessions and the served console', () => {
  let t: TestApp;
  let w: World;
  const dist = mkdtempSync(join(tmpdir(), 'console-dist-'));

  beforeAll(async () => {
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><div id="root"></div>');
    writeFileSync(join(dist, 'assets', 'index-abc123.js'), 'console.log(1)');
    t = await createTestApp({ WEB_DIST: dist });
    w = await new Factory(t).world();
  });
  afterAll(async () => {
    await t.close();
    rmSync(dist, { recursive: true, force: true });
  });

  const startSession = () =>
    t.http.post('/api/v1/auth/session').send({ username: 'admin', password: 'admin-password' });

  it('login sets an httpOnly SameSite=Strict session cookie and a readable CSRF cookie, never a token in the body', async () => {
    const response = await startSession();
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      user: expect.objectContaining({ username: 'admin', role: 'admin' }),
      csrfToken: expect.any(String),
      expiresAt: expect.any(String),
    });
    expect(JSON.stringify(response.body)).not.toMatch(/accessToken|eyJ/);
    const cookies = cookiesOf(response);
    const session = cookies.find((c) => c.startsWith('dxz_session='))!;
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/SameSite=Strict/i);
    expect(session).toMatch(/Path=\//);
    const csrf = cookies.find((c) => c.startsWith('dxz_csrf='))!;
    expect(csrf).not.toMatch(/HttpOnly/i);
    expect(csrf).toContain(`dxz_csrf=${response.body.csrfToken}`);
  });

  it('reads with the cookie alone; writes need the CSRF token (403 without, or with another session’s)', async () => {
    const first = await startSession();
    const cookie = [pair(cookiesOf(first), 'dxz_session'), pair(cookiesOf(first), 'dxz_csrf')].join('; ');
    expect((await t.http.get('/api/v1/auth/me').set('Cookie', cookie)).body.username).toBe('admin');

    const body = { name: '新村', kind: 'village', parentId: w.townshipId };
    const refused = await t.http.post('/api/v1/org-units').set('Cookie', cookie).send(body);
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('CSRF_FAILED');
    // Another user's session (the same user's within one second is the same token, and so the same CSRF token).
    const other = await new Factory(t).user(w.admin, 'commander', w.centreId);
    const second = await t.http
      .post('/api/v1/auth/session')
      .send({ username: other.username, password: 'password-123' });
    const foreign = await t.http
      .post('/api/v1/org-units')
      .set('Cookie', cookie)
      .set('X-CSRF-Token', second.body.csrfToken)
      .send(body);
    expect(foreign.status).toBe(403);
    const accepted = await t.http
      .post('/api/v1/org-units')
      .set('Cookie', cookie)
      .set('X-CSRF-Token', first.body.csrfToken)
      .send(body);
    expect(accepted.status).toBe(201);
    // API clients with a bearer token need no CSRF token.
    const bearer = await t.http
      .post('/api/v1/org-units')
      .set(auth(w.admin))
      .send({ ...body, name: '另一个村' });
    expect(bearer.status).toBe(201);
  });

  it('logout clears the cookies; a password change replaces the session cookie and ends the old one', async () => {
    const session = await startSession();
    const cookie = `${pair(cookiesOf(session), 'dxz_session')}`;
    const out = await t.http.delete('/api/v1/auth/session').set('Cookie', cookie);
    expect(out.status).toBe(204);
    expect(cookiesOf(out).join(';')).toMatch(/dxz_session=;.*Expires=Thu, 01 Jan 1970/);

    const cadre = await new Factory(t).user(w.admin, 'official', w.townshipId);
    const login = await t.http
      .post('/api/v1/auth/session')
      .send({ username: cadre.username, password: 'password-123' });
    const old = pair(cookiesOf(login), 'dxz_session');
    const changed = await t.http
      .post('/api/v1/auth/password')
      .set('Cookie', old)
      .set('X-CSRF-Token', login.body.csrfToken)
      .send({ currentPassword: 'password-123', newPassword: 'new-password-456' });
    expect(changed.status).toBe(200);
    expect(changed.body.accessToken).toBeUndefined();
    expect((await t.http.get('/api/v1/auth/me').set('Cookie', old)).status).toBe(401);
    const renewed = pair(cookiesOf(changed), 'dxz_session');
    expect((await t.http.get('/api/v1/auth/me').set('Cookie', renewed)).status).toBe(200);
  });

  it('serves the console: index.html with no-store and a strict CSP for its routes, assets cached for good', async () => {
    for (const path of ['/', '/households', '/households/0c5f1a2b-1234-4567-8901-123456789012?stage=paid']) {
      const page = await t.http.get(path);
      expect(page.status).toBe(200);
      expect(page.headers['content-type']).toMatch(/text\/html/);
      expect(page.headers['cache-control']).toBe('no-store');
      expect(page.headers['content-security-policy']).toContain("script-src 'self'");
      expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(page.text).toContain('<div id="root">');
    }
    const asset = await t.http.get('/assets/index-abc123.js');
    expect(asset.status).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    // The server's own paths are never the console.
    expect((await t.http.get('/assets/missing.js')).status).toBe(404);
    const api = await t.http.get('/api/v1/no-such-thing');
    expect(api.status).toBe(404);
    expect(api.body.code).toBe('NOT_FOUND');
    expect((await t.http.get('/health')).body).toMatchObject({ status: 'ok' });
    expect((await t.http.get('/docs-json')).headers['content-type']).toMatch(/json/);
    expect((await t.http.post('/households')).status).toBe(404);
  });
});
