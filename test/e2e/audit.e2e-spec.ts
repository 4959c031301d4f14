import { auth, Factory, World } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';

type Body = Record<string, any>;

describe('audit: every write leaves an entry, hash-chained and verifiable', () => {
  let t: TestApp;
  let factory: Factory;
  let world: World;
  let adminId: string;
  let commanderId: string;

  beforeAll(async () => {
    t = await createTestApp();
    factory = new Factory(t);
    world = await factory.world();
    adminId = (await t.http.get('/api/v1/auth/me').set(auth(world.admin))).body.id;
    commanderId = (await t.http.get('/api/v1/auth/me').set(auth(world.commander))).body.id;
  });
  afterAll(() => t.close());
  afterEach(() => t.clock.reset());

  const audit = async (query: string) => {
    const response = await t.http.get(`/api/v1/audit?pageSize=200&${query}`).set(auth(world.admin));
    expect(response.status).toBe(200);
    return response.body as { items: Body[]; total: number; page: number; pageSize: number };
  };

  it('records a household’s creation, edit and assignment with who, when, what changed and the request id', async () => {
    t.clock.set('2026-11-25T01:00:00Z');
    const created = await t.http
      .post('/api/v1/households')
      .set(auth(world.commander))
      .set('X-Request-Id', 'create-hh-1')
      .send(factory.householdBody(world.villageId, { code: 'AUD-0001', headName: '龙审计', group: '1组' }));
    expect(created.status).toBe(201);
    const id = created.body.id;

    t.clock.set('2026-11-25T02:00:00Z');
    const edited = await t.http
      .patch(`/api/v1/households/${id}`)
      .set(auth(world.admin))
      .send({ version: 1, group: '2组', address: '新址' });
    expect(edited.status).toBe(200);
    const requestId = edited.headers['x-request-id'];
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);

    t.clock.set('2026-11-25T03:00:00Z');
    const assigned = await t.http
      .post('/api/v1/households/assignments')
      .set(auth(world.commander))
      .send({ householdIds: [id], cadreId: world.cadre.id });
    expect(assigned.status).toBe(200);

    const { items, total } = await audit(`entityType=household&entityId=${id}`);
    expect(total).toBe(3);
    // Newest first.
    expect(items.map((e) => e.action)).toEqual(['assign', 'update', 'create']);
    const [assign, update, create] = items;
    expect(create).toMatchObject({
      at: '2026-11-25T01:00:00.000Z',
      actorId: commanderId,
      actorRole: 'commander',
      entityType: 'household',
      entityId: id,
      requestId: 'create-hh-1',
    });
    expect(create.changes).toMatchObject({
      code: { from: null, to: 'AUD-0001' },
      headName: { from: null, to: '龙审计' },
      group: { from: null, to: '1组' },
      headIdNumber: { from: null, to: '(已加密)' },
      phone: { from: null, to: '(已加密)' },
    });
    expect(update).toMatchObject({ at: '2026-11-25T02:00:00.000Z', actorId: adminId, requestId });
    // Only what changed.
    expect(update.changes).toEqual({
      group: { from: '1组', to: '2组' },
      address: { from: null, to: '新址' },
    });
    expect(assign).toMatchObject({ at: '2026-11-25T03:00:00.000Z', actorId: commanderId });
    expect(assign.changes).toEqual({ cadreId: { from: null, to: world.cadre.id } });
  });

  it('records users, org units, deactivations and logins', async () => {
    const unitId = await factory.orgUnit(world.admin, {
      name: '审计村',
      kind: 'village',
      parentId: world.townshipId,
    });
    const unit = await audit(`entityType=org_unit&entityId=${unitId}`);
    expect(unit.items).toHaveLength(1);
    expect(unit.items[0]).toMatchObject({ action: 'create', actorId: adminId });
    expect(unit.items[0].changes.name).toEqual({ from: null, to: '审计村' });

    const user = await factory.user(world.admin, 'cadre', world.taskForceId);
    await t.http.post(`/api/v1/users/${user.id}/deactivate`).set(auth(world.admin));
    const entries = await audit(`entityType=user&entityId=${user.id}`);
    expect(entries.items.map((e) => e.action)).toEqual(['deactivate', 'login', 'create']);
    expect(entries.items[0].changes).toEqual({ active: { from: true, to: false } });
    expect(entries.items[1].actorId).toBe(user.id);
    expect(JSON.stringify(entries.items[2].changes)).not.toMatch(/password/i);
  });

  it('writes nothing for a refused write', async () => {
    const household = await factory.household(world, { code: 'AUD-0002' });
    const before = await audit(`entityId=${household.id}`);
    const stale = await t.http
      .patch(`/api/v1/households/${household.id}`)
      .set(auth(world.admin))
      .send({ version: 99, note: 'x' });
    expect(stale.status).toBe(409);
    const invalid = await t.http
      .patch(`/api/v1/households/${household.id}`)
      .set(auth(world.admin))
      .send({ version: 1, phone: 'x' });
    expect(invalid.status).toBe(400);
    expect((await audit(`entityId=${household.id}`)).total).toBe(before.total);
  });

  it('filters by actor and by time, and pages with the total', async () => {
    // Later than the real clock that stamps the other tests' entries, so an open-ended range holds only these.
    t.clock.set('2099-12-01T10:00:00Z');
    const a = await factory.household(world, { code: 'AUD-T1' });
    t.clock.set('2099-12-02T10:00:00Z');
    const b = await factory.household(world, { code: 'AUD-T2' });
    t.clock.set('2099-12-03T10:00:00Z');
    const c = await factory.household(world, { code: 'AUD-T3' });

    const window = await audit('entityType=household&from=2099-12-02T00:00:00Z&to=2099-12-03T00:00:00Z');
    expect(window.items.map((e) => e.entityId)).toEqual([b.id]);
    const fromOnly = await audit('entityType=household&from=2099-12-02T10:00:00%2B08:00');
    expect(fromOnly.items.map((e) => e.entityId).sort()).toEqual([b.id, c.id].sort());
    const toOnly = await audit('entityType=household&to=2099-12-01T10:00:00.001Z&from=2099-12-01T00:00:00Z');
    expect(toOnly.items.map((e) => e.entityId)).toEqual([a.id]);

    const byCommander = await audit(`actorId=${commanderId}`);
    expect(byCommander.total).toBeGreaterThan(0);
    expect(byCommander.items.every((e) => e.actorId === commanderId)).toBe(true);

    const all = await audit('');
    const pages: number[] = [];
    for (let page = 1; page * 5 <= all.total + 4; page++) {
      const response = await t.http.get(`/api/v1/audit?pageSize=5&page=${page}`).set(auth(world.admin));
      expect(response.body).toMatchObject({ total: all.total, page, pageSize: 5 });
      pages.push(...response.body.items.map((e: Body) => e.id));
    }
    expect(pages).toEqual(all.items.map((e) => e.id));

    for (const query of ['from=yesterday', 'to=2026-13-01', 'pageSize=500', 'colour=red']) {
      expect((await t.http.get(`/api/v1/audit?${query}`).set(auth(world.admin))).status).toBe(400);
    }
  });

  it('chains every entry to the one before it, and verifies the whole chain', async () => {
    // Writes from many requests at once still end up in one unbroken chain.
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        t.http
          .post('/api/v1/households')
          .set(auth(world.admin))
          .send(factory.householdBody(world.villageId, { code: `AUD-P${i}` })),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(201));

    const verify = await t.http.get('/api/v1/audit/verify').set(auth(world.admin));
    expect(verify.status).toBe(200);
    const all = await audit('');
    expect(verify.body).toMatchObject({ ok: true, entries: all.total, checkpoint: { entries: all.total } });

    expect(all.items).toHaveLength(all.total); // the whole log, not one page of it
    const chain = [...all.items].sort((x, y) => x.sealIndex - y.sealIndex);
    expect(chain.map((e) => e.sealIndex)).toEqual(chain.map((_, i) => i + 1));
    expect(chain[0].prevHash).toBe('0'.repeat(64));
    for (let i = 1; i < chain.length; i++) {
      expect(chain[i].hash).toMatch(/^[0-9a-f]{64}$/);
      expect(chain[i].prevHash).toBe(chain[i - 1].hash);
    }
  });
});
