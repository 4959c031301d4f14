import { JwtService } from '@nestjs/jwt';
import { auth, Factory, insertUsers, World } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';

const PASSWORD = 'password-123';

describe('auth: login, throttling, tokens, deactivation', () => {
  let t: TestApp;
  let factory: Factory;
  let world: World;

  beforeAll(async () => {
    t = await createTestApp();
    factory = new Factory(t);
    world = await factory.world();
  });
  afterAll(() => t.close());
  afterEach(() => t.clock.reset());

  const login = (username: string, password: string) =>
    t.http.post('/api/v1/auth/login').send({ username, password });
  const failuresOf = async (username: string) => {
    const rows = await t.dataSource
      .createQueryBuilder()
      .select('COUNT(*)', 'n')
      .from('login_failure', 'f')
      .where('f.username = :username', { username })
      .getRawOne<{ n: string | number }>();
    return Number(rows?.n);
  };

  describe('login', () => {
    it('returns a token and the user (never a password) for the right password', async () => {
      const [cadre] = await insertUsers(t, 'cadre', world.taskForceId, 1);
      const response = await login(cadre.username, PASSWORD);
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        accessToken: expect.any(String),
        user: {
          id: cadre.id,
          username: cadre.username,
          displayName: `cadre ${cadre.username}`,
          role: 'cadre',
          orgUnitId: world.taskForceId,
        },
      });
      expect(JSON.stringify(response.body)).not.toMatch(/password|argon2/i);

      const me = await t.http.get('/api/v1/auth/me').set(auth(response.body.accessToken));
      expect(me.status).toBe(200);
      expect(me.body).toEqual(response.body.user);
    });

    it('refuses a wrong password and an unknown user alike, with 401', async () => {
      const [cadre] = await insertUsers(t, 'cadre', world.taskForceId, 1);
      const wrong = await login(cadre.username, 'not-the-password');
      const unknown = await login('nobody-by-this-name', PASSWORD);
      for (const response of [wrong, unknown]) {
        expect(response.status).toBe(401);
        expect(response.body).toMatchObject({
          statusCode: 401,
          code: 'INVALID_CREDENTIALS',
          message: '用户名或密码错误',
        });
        expect(response.body.accessToken).toBeUndefined();
      }
    });

    it('refuses a login body that is not username + password with 400 per field', async () => {
      const missing = await t.http.post('/api/v1/auth/login').send({ username: 'admin' });
      expect(missing.status).toBe(400);
      expect(missing.body.code).toBe('VALIDATION_FAILED');
      expect(missing.body.details).toContainEqual({ field: 'password', message: '必须是字符串' });

      const extra = await t.http
        .post('/api/v1/auth/login')
        .send({ username: 'admin', password: 'admin-password', role: 'admin' });
      expect(extra.status).toBe(400);
      expect(extra.body.details).toContainEqual({ field: 'role', message: '不允许的字段' });
    });
  });

  describe('throttling', () => {
    it('locks a username after 5 failures in 15 minutes, even for the right password, and only that one', async () => {
      t.clock.set('2026-11-27T02:00:00Z');
      const [victim, neighbour] = await insertUsers(t, 'cadre', world.taskForceId, 2);
      for (let attempt = 1; attempt <= 5; attempt++) {
        const response = await login(victim.username, `wrong-${attempt}`);
        expect(response.status).toBe(401);
      }
      const locked = await login(victim.username, PASSWORD);
      expect(locked.status).toBe(429);
      expect(locked.body).toMatchObject({ code: 'TOO_MANY_LOGIN_FAILURES' });
      expect(locked.body.message).toMatch(/15 分钟/);
      expect(locked.body.accessToken).toBeUndefined();

      // Another cadre on the same address is not affected.
      expect((await login(neighbour.username, PASSWORD)).status).toBe(200);

      // Still locked just before the window ends; free again after it.
      t.clock.set('2026-11-27T02:14:59Z');
      expect((await login(victim.username, PASSWORD)).status).toBe(429);
      t.clock.set('2026-11-27T02:15:01Z');
      expect((await login(victim.username, PASSWORD)).status).toBe(200);
    });

    it('starts counting again after a successful login', async () => {
      const [cadre] = await insertUsers(t, 'cadre', world.taskForceId, 1);
      for (let attempt = 0; attempt < 4; attempt++)
        expect((await login(cadre.username, 'wrong')).status).toBe(401);
      expect((await login(cadre.username, PASSWORD)).status).toBe(200);
      expect(await failuresOf(cadre.username)).toBe(0);
      for (let attempt = 0; attempt < 4; attempt++)
        expect((await login(cadre.username, 'wrong')).status).toBe(401);
      expect((await login(cadre.username, PASSWORD)).status).toBe(200);
    });

    it('does not let parallel guesses get past the limit', async () => {
      const [cadre] = await insertUsers(t, 'cadre', world.taskForceId, 1);
      const responses = await Promise.all(
        Array.from({ length: 15 }, (_, i) => login(cadre.username, `guess-${i}`)),
      );
      const statuses = responses.map((r) => r.status);
      expect(statuses.every((s) => s === 401 || s === 429)).toBe(true);
      // Only a 401 means the password was checked: never more than the limit, each one recorded.
      const checked = statuses.filter((s) => s === 401).length;
      expect(checked).toBeLessThanOrEqual(5);
      expect(await failuresOf(cadre.username)).toBe(checked);
      // Guessing on one at a time gets exactly the rest of the five, then the account is locked.
      const serial: number[] = [];
      for (let i = 0; i < 6; i++) serial.push((await login(cadre.username, `late-guess-${i}`)).status);
      expect(checked + serial.filter((s) => s === 401).length).toBe(5);
      expect(serial[serial.length - 1]).toBe(429);
      expect((await login(cadre.username, PASSWORD)).status).toBe(429);
    });

    it('lets 100 different cadres of one township office (one IP) log in', async () => {
      const cadres = await insertUsers(t, 'cadre', world.taskForceId, 100);
      const statuses: number[] = [];
      for (let i = 0; i < cadres.length; i += 10) {
        const batch = await Promise.all(cadres.slice(i, i + 10).map((c) => login(c.username, PASSWORD)));
        statuses.push(...batch.map((r) => r.status));
      }
      expect(statuses.filter((s) => s !== 200)).toEqual([]);
      expect(statuses).toHaveLength(100);
    });
  });

  describe('tokens', () => {
    it('refuses requests without a valid bearer token', async () => {
      const none = await t.http.get('/api/v1/households');
      expect(none.status).toBe(401);
      expect(none.body).toMatchObject({ code: 'UNAUTHENTICATED', message: '未登录或登录已失效' });

      for (const header of ['Bearer not-a-jwt', 'Basic YWRtaW46YWRtaW4=', `Token ${world.admin}`, 'Bearer']) {
        const response = await t.http.get('/api/v1/auth/me').set('Authorization', header);
        expect(response.status).toBe(401);
      }
    });

    it('refuses a token signed with another secret, and an expired one', async () => {
      const me = await t.http.get('/api/v1/auth/me').set(auth(world.admin));
      const payload = { sub: me.body.id, role: 'admin' };
      const forged = new JwtService({ secret: 'some-other-secret-some-other-secret-123' }).sign(payload);
      const expired = new JwtService({ secret: process.env.JWT_SECRET }).sign(payload, { expiresIn: -10 });
      for (const token of [forged, expired]) {
        expect((await t.http.get('/api/v1/auth/me').set(auth(token))).status).toBe(401);
      }
    });
  });

  describe('deactivation', () => {
    it("rejects a deactivated user's token at once, and their password", async () => {
      const cadre = await factory.user(world.admin, 'cadre', world.taskForceId);
      expect((await t.http.get('/api/v1/households').set(auth(cadre.token))).status).toBe(200);

      const deactivated = await t.http.post(`/api/v1/users/${cadre.id}/deactivate`).set(auth(world.admin));
      expect(deactivated.status).toBe(200);
      expect(deactivated.body).toMatchObject({ id: cadre.id, active: false });

      const after = await t.http.get('/api/v1/households').set(auth(cadre.token));
      expect(after.status).toBe(401);
      expect(after.body.code).toBe('UNAUTHENTICATED');
      expect((await t.http.get('/api/v1/auth/me').set(auth(cadre.token))).status).toBe(401);
      expect((await login(cadre.username, PASSWORD)).status).toBe(401);
    });

    it('rejects the token at once when an admin sets active=false, and accepts logins again when reactivated', async () => {
      const official = await factory.user(world.admin, 'official', world.townshipId);
      const before = await t.http.get(`/api/v1/users/${official.id}`).set(auth(world.admin));
      expect(before.status).toBe(200);
      const patched = await t.http
        .patch(`/api/v1/users/${official.id}`)
        .set(auth(world.admin))
        .send({ version: before.body.version, active: false });
      expect(patched.status).toBe(200);
      expect((await t.http.get('/api/v1/auth/me').set(auth(official.token))).status).toBe(401);

      const reactivated = await t.http
        .patch(`/api/v1/users/${official.id}`)
        .set(auth(world.admin))
        .send({ version: patched.body.version, active: true });
      expect(reactivated.status).toBe(200);
      expect((await login(official.username, PASSWORD)).status).toBe(200);
    });

    it('only an admin deactivates, never themselves, and only users that exist', async () => {
      const cadre = await insertUsers(t, 'cadre', world.taskForceId, 1);
      const byCommander = await t.http
        .post(`/api/v1/users/${cadre[0].id}/deactivate`)
        .set(auth(world.commander));
      expect(byCommander.status).toBe(403);

      const me = await t.http.get('/api/v1/auth/me').set(auth(world.admin));
      const self = await t.http.post(`/api/v1/users/${me.body.id}/deactivate`).set(auth(world.admin));
      expect(self.status).toBe(422);
      expect(self.body.code).toBe('CANNOT_DEACTIVATE_SELF');
      expect((await t.http.get('/api/v1/auth/me').set(auth(world.admin))).status).toBe(200);

      const unknown = await t.http
        .post('/api/v1/users/00000000-0000-4000-8000-000000000000/deactivate')
        .set(auth(world.admin));
      expect(unknown.status).toBe(404);
      const notAnId = await t.http.post('/api/v1/users/42/deactivate').set(auth(world.admin));
      expect(notAnId.status).toBe(404);
    });
  });

  describe('users', () => {
    it('creates users without ever returning a password, with the phone masked', async () => {
      const response = await t.http.post('/api/v1/users').set(auth(world.admin)).send({
        username: 'cadre.longxiuying',
        password: 'long-enough-password',
        displayName: '龙秀英',
        role: 'cadre',
        orgUnitId: world.taskForceId,
        phone: '13812345678',
      });
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({
        username: 'cadre.longxiuying',
        displayName: '龙秀英',
        role: 'cadre',
        active: true,
        version: 1,
        phone: '138****5678',
      });
      expect(JSON.stringify(response.body)).not.toMatch(/password|argon2/i);

      const duplicate = await t.http.post('/api/v1/users').set(auth(world.admin)).send({
        username: 'cadre.longxiuying',
        password: 'long-enough-password',
        displayName: '另一个',
        role: 'cadre',
      });
      expect(duplicate.status).toBe(409);
      expect(duplicate.body.code).toBe('DUPLICATE_USERNAME');
    });

    it('refuses user management to every role but admin', async () => {
      const body = {
        username: 'someone-new',
        password: 'long-enough-password',
        displayName: 'x',
        role: 'cadre',
      };
      for (const token of [world.commander, world.supervisor, world.cadre.token, world.official.token]) {
        expect((await t.http.post('/api/v1/users').set(auth(token)).send(body)).status).toBe(403);
      }
      expect((await t.http.get('/api/v1/users').set(auth(world.cadre.token))).status).toBe(403);
      expect((await t.http.get('/api/v1/users').set(auth(world.commander))).status).toBe(200);
    });

    it('refuses null for fields that need a value, and clears the phone with null', async () => {
      const created = await t.http.post('/api/v1/users').set(auth(world.admin)).send({
        username: 'user.nulls',
        password: 'long-enough-password',
        displayName: '空值测试',
        role: 'handler',
        orgUnitId: world.unitId,
        phone: '13912345678',
      });
      expect(created.status).toBe(201);
      for (const field of ['displayName', 'role', 'active', 'password']) {
        const response = await t.http
          .patch(`/api/v1/users/${created.body.id}`)
          .set(auth(world.admin))
          .send({ version: 1, [field]: null });
        expect({ field, status: response.status }).toEqual({ field, status: 400 });
        expect(response.body.details).toEqual([{ field, message: '不能为空' }]);
      }
      const cleared = await t.http
        .patch(`/api/v1/users/${created.body.id}`)
        .set(auth(world.admin))
        .send({ version: 1, phone: null });
      expect(cleared.status).toBe(200);
      expect(cleared.body).toMatchObject({
        phone: null,
        displayName: '空值测试',
        role: 'handler',
        active: true,
      });
    });

    it('answers 404 for a user id that is not a UUID', async () => {
      expect((await t.http.get('/api/v1/users/not-a-uuid').set(auth(world.admin))).status).toBe(404);
      const patched = await t.http.patch('/api/v1/users/123').set(auth(world.admin)).send({ version: 1 });
      expect(patched.status).toBe(404);
    });
  });
});
