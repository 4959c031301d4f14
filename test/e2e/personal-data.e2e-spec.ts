import { createHash } from 'node:crypto';
import { makeResidentId } from '../../src/common/pii/resident-id';
import { auth, birthDateOf, Factory, residentId, World } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';

type Body = Record<string, any>;

const maskedId = (id: string) => `${id.slice(0, 6)}********${id.slice(-4)}`;

describe('personal data: masked by default, revealed only to those allowed, audited, encrypted at rest', () => {
  let t: TestApp;
  let factory: Factory;
  let world: World;
  let household: Body;
  let headId: string;
  let spouseId: string;
  const phone = '13812345678';

  beforeAll(async () => {
    t = await createTestApp();
    factory = new Factory(t);
    world = await factory.world();
    // A head whose number ends in X, as in the contract's example.
    let sequence = 0;
    do headId = makeResidentId('433101', '1962-08-09', ++sequence);
    while (!headId.endsWith('X'));
    spouseId = residentId('female', '1964-02-29');
    household = await factory.household(world, {
      code: 'PII-0001',
      headIdNumber: headId,
      phone,
      cadreId: world.cadre.id,
      members: [
        { name: '吴秀兰', idNumber: spouseId, sex: 'female', birthDate: '1964-02-29', relation: 'spouse' },
      ],
    });
  });
  afterAll(() => t.close());

  const get = (token: string, query = '', headers: Record<string, string> = {}) =>
    t.http.get(`/api/v1/households/${household.id}${query}`).set(auth(token)).set(headers);
  const reveals = async () => {
    const response = await t.http
      .get(`/api/v1/audit?entityType=household&entityId=${household.id}&pageSize=200`)
      .set(auth(world.admin));
    expect(response.status).toBe(200);
    return (response.body.items as Body[]).filter((e) => e.action === 'reveal');
  };
  const expectMasked = (body: Body) => {
    expect(body.headIdNumber).toBe(maskedId(headId));
    expect(body.phone).toBe('138****5678');
    if (body.members) {
      expect(body.members.map((m: Body) => m.idNumber)).toEqual([maskedId(headId), maskedId(spouseId)]);
    }
    const text = JSON.stringify(body);
    for (const secret of [headId, spouseId, phone, headId.slice(6, 14), spouseId.slice(6, 14)])
      expect(text).not.toContain(secret);
  };

  describe('masking', () => {
    it('masks IDs and phones in create, read, list and edit responses', async () => {
      expect(maskedId(headId)).toMatch(/^433101\*{8}\d{3}X$/);
      expectMasked(household);
      for (const token of [
        world.admin,
        world.commander,
        world.supervisor,
        world.cadre.token,
        world.official.token,
      ]) {
        const read = await get(token);
        expect(read.status).toBe(200);
        expectMasked(read.body);
        const list = await t.http.get('/api/v1/households?q=PII-0001').set(auth(token));
        expect(list.body.items).toHaveLength(1);
        expectMasked(list.body.items[0]);
      }
      const edited = await t.http
        .patch(`/api/v1/households/${household.id}`)
        .set(auth(world.cadre.token))
        .send({ version: household.version, phone });
      expect(edited.status).toBe(200);
      expectMasked(edited.body);
      household = edited.body;
    });

    it('masks when reveal=false, and refuses a reveal flag that is not a boolean', async () => {
      expectMasked((await get(world.admin, '?reveal=false')).body);
      const bad = await get(world.admin, '?reveal=yes');
      expect(bad.status).toBe(400);
      expect(bad.body.details).toContainEqual({ field: 'reveal', message: '必须是布尔值' });
    });
  });

  describe('reveal', () => {
    it.each([
      ['admin', () => world.admin],
      ['commander', () => world.commander],
      ['the household’s own cadre', () => world.cadre.token],
    ])('%s sees full values, and the read is audited', async (_, token) => {
      const before = await reveals();
      const me = (await t.http.get('/api/v1/auth/me').set(auth(token()))).body;
      const requestId = `reveal-${me.role}-${Date.now()}`;
      const response = await get(token(), '?reveal=true', { 'X-Request-Id': requestId });
      expect(response.status).toBe(200);
      expect(response.body.headIdNumber).toBe(headId);
      expect(response.body.phone).toBe(phone);
      expect(response.body.members.map((m: Body) => m.idNumber)).toEqual([headId, spouseId]);

      const after = await reveals();
      expect(after).toHaveLength(before.length + 1);
      const entry = after.find((e) => e.requestId === requestId)!;
      expect(entry).toMatchObject({
        action: 'reveal',
        entityType: 'household',
        entityId: household.id,
        actorId: me.id,
        actorRole: me.role,
        changes: { _context: { fields: ['headIdNumber', 'phone', 'members.idNumber'] } },
        hash: expect.stringMatching(/^[0-9a-f]{64}$/),
        prevHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      });
      expect(new Date(entry.at).getTime()).not.toBeNaN();
      expect(JSON.stringify(entry)).not.toContain(headId);
    });

    it.each([
      ['supervisor', () => world.supervisor],
      ['official of the township', () => world.official.token],
    ])('%s may read but not reveal: 403, and nothing audited', async (_, token) => {
      const before = await reveals();
      const response = await get(token(), '?reveal=true');
      expect(response.status).toBe(403);
      expect(response.body).toMatchObject({
        code: 'REVEAL_FORBIDDEN',
        message: '当前角色无权查看完整身份证号和手机号',
      });
      expect(JSON.stringify(response.body)).not.toContain(headId);
      const list = await t.http.get('/api/v1/households?q=PII-0001&reveal=true').set(auth(token()));
      expect(list.status).toBe(403);
      // The role may not reveal at all, so an empty page is refused as well.
      const empty = await t.http.get('/api/v1/households?q=NOTHING-MATCHES&reveal=true').set(auth(token()));
      expect(empty.status).toBe(403);
      expect(await reveals()).toHaveLength(before.length);
    });

    it('a handler, who sees no households, may not ask to reveal either', async () => {
      const list = await t.http.get('/api/v1/households?reveal=true').set(auth(world.handler.token));
      expect(list.status).toBe(403);
      expect(list.body.code).toBe('REVEAL_FORBIDDEN');
    });

    it('another cadre cannot even see the household (404)', async () => {
      const response = await get(world.otherCadre.token, '?reveal=true');
      expect(response.status).toBe(404);
      expect(JSON.stringify(response.body)).not.toContain(headId);
    });

    it('a revealed list shows full values and audits one reveal per household listed', async () => {
      const second = await factory.household(world, { code: 'PII-0002' });
      const countReveals = async (id: string) =>
        (
          await t.http
            .get(`/api/v1/audit?entityType=household&entityId=${id}&pageSize=200`)
            .set(auth(world.admin))
        ).body.items.filter((e: Body) => e.action === 'reveal').length;
      const firstBefore = await countReveals(household.id);
      const secondBefore = await countReveals(second.id);
      const response = await t.http.get('/api/v1/households?q=PII-&reveal=true').set(auth(world.commander));
      expect(response.status).toBe(200);
      const byCode = new Map(response.body.items.map((i: Body) => [i.code, i]));
      expect((byCode.get('PII-0001') as Body).headIdNumber).toBe(headId);
      expect((byCode.get('PII-0001') as Body).phone).toBe(phone);
      expect((byCode.get('PII-0002') as Body).headIdNumber).toMatch(/^\d{17}[\dX]$/);
      expect(await countReveals(household.id)).toBe(firstBefore + 1);
      expect(await countReveals(second.id)).toBe(secondBefore + 1);
    });
  });

  describe('at rest', () => {
    it('stores no ID number or phone in clear, and looks them up by a keyed hash', async () => {
      const [row] = await t.dataSource.query(`SELECT * FROM household WHERE id = '${household.id}'`);
      const members = await t.dataSource.query(
        `SELECT * FROM household_member WHERE household_id = '${household.id}'`,
      );
      const stored = JSON.stringify([row, members]);
      for (const secret of [headId, spouseId, phone, headId.toLowerCase()])
        expect(stored).not.toContain(secret);
      expect(row.head_id_enc).toMatch(/^v1:/);
      expect(row.phone_enc).toMatch(/^v1:/);
      // A plain hash of a number with a known structure could be brute-forced; this one needs the key.
      const plainHash = createHash('sha256').update(headId).digest('hex');
      expect(row.head_id_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(row.head_id_hash).not.toBe(plainHash);
      expect(members.map((m: Body) => m.id_hash)).toContain(row.head_id_hash);
    });

    it('keeps ID numbers and phones out of the audit log', async () => {
      const newPhone = '13987654321';
      const newSpouse = residentId('female');
      const edited = await t.http
        .patch(`/api/v1/households/${household.id}`)
        .set(auth(world.admin))
        .send({
          version: household.version,
          phone: newPhone,
          members: [
            {
              name: '新配偶',
              idNumber: newSpouse,
              sex: 'female',
              birthDate: birthDateOf(newSpouse),
              relation: 'spouse',
            },
          ],
        });
      expect(edited.status).toBe(200);
      household = edited.body;
      const entries = await t.dataSource.query('SELECT * FROM audit_entry');
      const text = JSON.stringify(entries);
      for (const secret of [headId, spouseId, newSpouse, phone, newPhone]) expect(text).not.toContain(secret);
      const update = (
        await t.http
          .get(`/api/v1/audit?entityType=household&entityId=${household.id}&pageSize=200`)
          .set(auth(world.admin))
      ).body.items.find((e: Body) => e.action === 'update' && e.changes.phone);
      expect(update.changes.phone).toEqual({ from: '(已加密)', to: '(已加密)' });
    });

    it('masks user phones too', async () => {
      const created = await t.http.post('/api/v1/users').set(auth(world.admin)).send({
        username: 'cadre-with-phone',
        password: 'long-enough-password',
        displayName: '有手机的干部',
        role: 'cadre',
        phone: '13700001111',
      });
      expect(created.body.phone).toBe('137****1111');
      const listed = await t.http.get('/api/v1/users?role=cadre&pageSize=200').set(auth(world.admin));
      expect(JSON.stringify(listed.body)).not.toContain('13700001111');
      const [row] = await t.dataSource.query(`SELECT * FROM app_user WHERE id = '${created.body.id}'`);
      expect(JSON.stringify(row)).not.toContain('13700001111');
    });
  });
});
