import { randomBytes } from 'node:crypto';
import { rotatePiiKey } from '../../src/database/pii-key-rotation';
import { auth, Factory, residentId, World } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';

type Body = Record<string, any>;

/** `npm run pii:rotate`: every resident ID and phone moves to the new PII_KEY, all or nothing. */
describe('security: rotating PII_KEY', () => {
  const oldKey = Buffer.from(process.env.PII_KEY!, 'hex');
  const newKey = randomBytes(32);
  let t: TestApp;
  let second: TestApp | undefined;
  let w: World;
  const headId = residentId('male');
  let household: Body;

  beforeAll(async () => {
    t = await createTestApp();
    const f = new Factory(t);
    w = await f.world();
    household = await f.household(w, { headIdNumber: headId, phone: '13611112222' });
    await f.household(w);
    await t.http.post('/api/v1/users').set(auth(w.admin)).send({
      username: 'with-phone',
      password: 'password-123',
      displayName: '有手机',
      role: 'cadre',
      phone: '13733334444',
    });
    expect((await t.http.get('/api/v1/audit/verify').set(auth(w.admin))).body.ok).toBe(true);
  });
  afterAll(async () => {
    await second?.close();
    await t.database.drop();
  });

  const columns = () =>
    t.dataSource.query('SELECT head_id_enc, head_id_hash, phone_enc FROM household ORDER BY id');

  it('refuses to start with the wrong old key, and changes nothing', async () => {
    const before = await columns();
    await expect(
      rotatePiiKey(t.dataSource, randomBytes(32), newKey, { rekeyCheckpoints: true }),
    ).rejects.toThrow();
    expect(await columns()).toEqual(before);
  });

  it('re-encrypts and re-hashes everything; the app on the new key reads, finds and guards the same data', async () => {
    const before = await columns();
    const result = await rotatePiiKey(t.dataSource, oldKey, newKey, { rekeyCheckpoints: true });
    expect(result.columns['household.head_id_enc']).toBe(before.length);
    expect(result.columns['household_member.id_enc']).toBeGreaterThanOrEqual(before.length);
    expect(result.columns['app_user.phone_enc']).toBe(1);
    expect(result.checkpoints).toBeGreaterThan(0);
    const after = await columns();
    after.forEach((row: Body, i: number) => {
      expect(row.head_id_enc).not.toBe(before[i].head_id_enc);
      expect(row.head_id_hash).not.toBe(before[i].head_id_hash);
    });
    await t.app.close();

    second = await createTestApp({ PII_KEY: newKey.toString('hex') }, { database: t.database });
    const admin = await second.login('admin', 'admin-password');
    const revealed = await second.http.get(`/api/v1/households/${household.id}?reveal=true`).set(auth(admin));
    expect(revealed.status).toBe(200);
    expect(revealed.body).toMatchObject({ headIdNumber: headId, phone: '13611112222' });
    const found = await second.http.get(`/api/v1/households?q=${headId}`).set(auth(admin));
    expect(found.body.items.map((h: Body) => h.id)).toEqual([household.id]);
    const duplicate = await second.http
      .post('/api/v1/households')
      .set(auth(admin))
      .send(new Factory(second).householdBody(w.villageId, { headIdNumber: headId }));
    expect(duplicate.status).toBe(409);
    const users = await second.http.get('/api/v1/users?role=cadre&pageSize=200').set(auth(admin));
    expect(users.body.items.find((u: Body) => u.username === 'with-phone').phone).toBe('137****4444');
    const verify = await second.http.get('/api/v1/audit/verify').set(auth(admin));
    expect(verify.body).toMatchObject({ ok: true });
  });
});
