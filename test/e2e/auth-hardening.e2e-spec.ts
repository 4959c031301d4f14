import { JwtService } from '@nestjs/jwt';
import { createHmac } from 'node:crypto';
import { auth, Factory, insertUsers, World } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';

const PASSWORD = 'password-123';
const SECRET = process.env.JWT_SECRET!;
// Documentation addresses (RFC 5737), only ever named in X-Forwarded-For: the API trusts it from loopback.
const GUESSER = '203.0.113.5';
const OWNER = '198.51.100.7';

const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
/** A token with any header and claims, signed with the server's own secret (or not at all). */
function handMade(header: object, claims: object, sign = true): string {
  const unsigned = `${base64url(header)}.${base64url(claims)}`;
  if (!sign) return `${unsigned}.`;
  const algorithm = (header as { alg: string }).alg === 'HS512' ? 'sha512' : 'sha256';
  return `${unsigned}.${createHmac(algorithm, SECRET).update(unsigned).digest('base64url')}`;
}

describe('auth hardening: token claims, revocation, lockout per address', () => {
  let t: TestApp;
  let factory: Factory;
  let world: World;
  let adminId: string;

  beforeAll(async () => {
    t = await createTestApp({ LOGIN_MAX_FAILURES_PER_USER: '12' });
    factory = new Factory(t);
    world = await factory.world();
    adminId = (await t.http.get('/api/v1/auth/me').set(auth(world.admin))).body.id;
  });
  afterAll(() => t.close());

  const me = (token: string) => t.http.get('/api/v1/auth/me').set(auth(token));
  const login = (username: string, password: string, from?: string) => {
    const request = t.http.post('/api/v1/auth/login');
    if (from) request.set('X-Forwarded-For', from);
    return request.send({ username, password });
  };

  describe('a token signed with the secret is still refused when its claims are not the server’s', () => {
    const now = () => Math.floor(Date.now() / 1000);
    const good = () => ({ sub: adminId, role: 'admin', tv: 1, iat: now(), exp: now() + 3600 });
    const cases: [string, () => string][] = [
      [
        'no sub (it authenticated as the first user, the admin)',
        () => handMade({ alg: 'HS256' }, { ...good(), sub: undefined }),
      ],
      ['an empty sub', () => handMade({ alg: 'HS256' }, { ...good(), sub: '' })],
      [
        'a sub that is not a UUID (a 500 on PostgreSQL)',
        () => handMade({ alg: 'HS256' }, { ...good(), sub: 'admin' }),
      ],
      ['a sub that is a number', () => handMade({ alg: 'HS256' }, { ...good(), sub: 1 })],
      ['a sub that is an object', () => handMade({ alg: 'HS256' }, { ...good(), sub: { $ne: null } })],
      ['no expiry', () => handMade({ alg: 'HS256' }, { ...good(), exp: undefined })],
      ['no issue time', () => handMade({ alg: 'HS256' }, { ...good(), iat: undefined })],
      [
        'issued an hour from now',
        () => handMade({ alg: 'HS256' }, { ...good(), iat: now() + 3600, exp: now() + 7200 }),
      ],
      ['no token version', () => handMade({ alg: 'HS256' }, { ...good(), tv: undefined })],
      ['a token version the user does not have', () => handMade({ alg: 'HS256' }, { ...good(), tv: 2 })],
      ['another algorithm with the same secret', () => handMade({ alg: 'HS512', typ: 'JWT' }, good())],
      ['alg none', () => handMade({ alg: 'none' }, good(), false)],
    ];
    it.each(cases)('%s: 401', async (_name, token) => {
      const response = await me(token());
      expect(response.status).toBe(401);
      expect(response.body).toMatchObject({ code: 'UNAUTHENTICATED', requestId: expect.any(String) });
    });

    it('accepts the same claims when they are right (the cases above fail for their one defect)', async () => {
      expect((await me(handMade({ alg: 'HS256', typ: 'JWT' }, good()))).status).toBe(200);
      expect((await me(new JwtService({ secret: SECRET }).sign(good()))).status).toBe(200);
    });
  });

  describe('revocation', () => {
    const user = (id: string) => t.http.get(`/api/v1/users/${id}`).set(auth(world.admin));
    const patchUser = async (id: string, body: Record<string, unknown>) => {
      const version = (await user(id)).body.version;
      const response = await t.http
        .patch(`/api/v1/users/${id}`)
        .set(auth(world.admin))
        .send({ version, ...body });
      expect(response.status).toBe(200);
      return response;
    };

    it('a password reset by the admin ends the old token; the new password works', async () => {
      const cadre = await factory.user(world.admin, 'cadre', world.taskForceId);
      await patchUser(cadre.id, { password: 'brand-new-password' });
      expect((await me(cadre.token)).status).toBe(401);
      expect((await login(cadre.username, PASSWORD)).status).toBe(401);
      const again = await login(cadre.username, 'brand-new-password');
      expect(again.status).toBe(200);
      expect((await me(again.body.accessToken)).status).toBe(200);
    });

    it('a role change and a unit change end the old token; a new display name does not', async () => {
      const official = await factory.user(world.admin, 'official', world.townshipId);
      await patchUser(official.id, { displayName: '新名字' });
      expect((await me(official.token)).status).toBe(200);

      await patchUser(official.id, { orgUnitId: world.otherTownshipId });
      expect((await me(official.token)).status).toBe(401);

      const second = (await login(official.username, PASSWORD)).body.accessToken;
      expect((await me(second)).status).toBe(200);
      await patchUser(official.id, { role: 'supervisor' });
      expect((await me(second)).status).toBe(401);
      expect((await me((await login(official.username, PASSWORD)).body.accessToken)).body.role).toBe(
        'supervisor',
      );
    });

    it('deactivation and reactivation: the token from before stays dead', async () => {
      const cadre = await factory.user(world.admin, 'cadre', world.taskForceId);
      expect((await t.http.post(`/api/v1/users/${cadre.id}/deactivate`).set(auth(world.admin))).status).toBe(
        200,
      );
      await patchUser(cadre.id, { active: true });
      expect((await me(cadre.token)).status).toBe(401);
      expect((await login(cadre.username, PASSWORD)).status).toBe(200);
    });

    it('the user changes their own password: old token 401, new token 200, audited without the password', async () => {
      const cadre = await factory.user(world.admin, 'cadre', world.taskForceId);
      const other = (await login(cadre.username, PASSWORD)).body.accessToken; // a second device
      const wrong = await t.http
        .post('/api/v1/auth/password')
        .set(auth(cadre.token))
        .send({ currentPassword: 'not-it', newPassword: 'another-password-1' });
      expect(wrong.status).toBe(400);
      expect(wrong.body).toMatchObject({
        code: 'WRONG_CURRENT_PASSWORD',
        details: [{ field: 'currentPassword', message: '当前密码不正确' }],
      });
      expect((await me(cadre.token)).status).toBe(200);
      const short = await t.http
        .post('/api/v1/auth/password')
        .set(auth(cadre.token))
        .send({ currentPassword: PASSWORD, newPassword: 'short' });
      expect(short.status).toBe(400);
      expect(short.body.details).toEqual([{ field: 'newPassword', message: '长度不能少于 8 个字符' }]);

      const changed = await t.http
        .post('/api/v1/auth/password')
        .set(auth(cadre.token))
        .send({ currentPassword: PASSWORD, newPassword: 'another-password-1' });
      expect(changed.status).toBe(200);
      expect(changed.body.user).toMatchObject({ id: cadre.id, username: cadre.username });
      expect((await me(cadre.token)).status).toBe(401);
      expect((await me(other)).status).toBe(401);
      expect((await me(changed.body.accessToken)).status).toBe(200);
      expect((await login(cadre.username, PASSWORD)).status).toBe(401);
      expect((await login(cadre.username, 'another-password-1')).status).toBe(200);

      const audit = await t.http
        .get(`/api/v1/audit?entityType=user&entityId=${cadre.id}`)
        .set(auth(world.admin));
      const entry = audit.body.items.find((i: { action: string }) => i.action === 'password_change');
      expect(entry).toBeDefined();
      expect(JSON.stringify(audit.body)).not.toContain('another-password-1');
    });
  });

  describe('lockout slows a guesser without locking the owner out', () => {
    it('five failures from one address lock that address, with Retry-After; the owner logs in from theirs', async () => {
      t.clock.set('2026-11-27T02:00:00Z');
      const [owner] = await insertUsers(t, 'official', world.townshipId, 1);
      for (let attempt = 1; attempt <= 5; attempt++)
        expect((await login(owner.username, `guess-${attempt}`, GUESSER)).status).toBe(401);
      const locked = await login(owner.username, PASSWORD, GUESSER);
      expect(locked.status).toBe(429);
      expect(locked.body).toMatchObject({ code: 'TOO_MANY_LOGIN_FAILURES', requestId: expect.any(String) });
      expect(locked.headers['retry-after']).toBe('900');
      t.clock.set('2026-11-27T02:10:00Z');
      expect((await login(owner.username, PASSWORD, GUESSER)).headers['retry-after']).toBe('300');

      const fromOwner = await login(owner.username, PASSWORD, OWNER);
      expect(fromOwner.status).toBe(200);
      // The owner's success does not clear the guesser's count.
      expect((await login(owner.username, PASSWORD, GUESSER)).status).toBe(429);
      t.clock.reset();
    });

    it('a guess spread over many addresses meets the per-username ceiling (12 here), for everyone', async () => {
      const [owner] = await insertUsers(t, 'official', world.townshipId, 1);
      for (let i = 0; i < 12; i++) {
        const from = `203.0.113.${10 + Math.floor(i / 3)}`; // 3 guesses from each of 4 addresses
        expect((await login(owner.username, `guess-${i}`, from)).status).toBe(401);
      }
      const ceiling = await login(owner.username, PASSWORD, OWNER);
      expect(ceiling.status).toBe(429);
      expect(Number(ceiling.headers['retry-after'])).toBeGreaterThan(0);
    });
  });
});

describe('auth hardening: the per-address login throttle answers Retry-After', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ LOGIN_PER_IP_PER_MINUTE: '3' });
  });
  afterAll(() => t.close());

  it('the fourth login in a minute from one address is 429 with Retry-After and a request id', async () => {
    const statuses: number[] = [];
    let last;
    for (let i = 0; i < 4; i++) {
      last = await t.http
        .post('/api/v1/auth/login')
        .set('X-Forwarded-For', '192.0.2.44')
        .send({ username: `nobody${i}`, password: 'whatever-1' });
      statuses.push(last.status);
    }
    expect(statuses).toEqual([401, 401, 401, 429]);
    expect(last!.body).toMatchObject({ code: 'TOO_MANY_REQUESTS', requestId: expect.any(String) });
    expect(Number(last!.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(last!.headers['retry-after'])).toBeLessThanOrEqual(60);
  });
});
