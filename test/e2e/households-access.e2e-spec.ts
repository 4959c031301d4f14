import { auth, Factory, registryCounts, World } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';

type Body = Record<string, any>;

describe('households: who sees and edits what (docs/architecture.md, "Roles and access")', () => {
  let t: TestApp;
  let factory: Factory;
  let world: World;
  let secondVillageId: string;
  let villageOfficial: { id: string; token: string };
  /** A: village 1, cadre A · B: village 1, cadre B · C: other township, cadre B · D: village 2, cadre A · E: village 1, nobody */
  const h: Record<'A' | 'B' | 'C' | 'D' | 'E', Body> = {} as any;

  beforeAll(async () => {
    t = await createTestApp();
    factory = new Factory(t);
    world = await factory.world();
    secondVillageId = await factory.orgUnit(world.admin, {
      name: '德茹村',
      kind: 'village',
      parentId: world.townshipId,
    });
    villageOfficial = await factory.user(world.admin, 'official', world.villageId);
    h.A = await factory.household(world, { code: 'ACC-A', cadreId: world.cadre.id });
    h.B = await factory.household(world, { code: 'ACC-B', cadreId: world.otherCadre.id });
    h.C = await factory.household(world, {
      code: 'ACC-C',
      cadreId: world.otherCadre.id,
      villageId: world.otherVillageId,
    });
    h.D = await factory.household(world, {
      code: 'ACC-D',
      cadreId: world.cadre.id,
      villageId: secondVillageId,
    });
    h.E = await factory.household(world, { code: 'ACC-E', cadreId: undefined });
  });
  afterAll(() => t.close());

  const listCodes = async (token: string, query = '') => {
    const response = await t.http.get(`/api/v1/households?pageSize=200${query}`).set(auth(token));
    expect(response.status).toBe(200);
    expect(response.body.total).toBe(response.body.items.length);
    return response.body.items.map((i: Body) => i.code).sort();
  };
  const get = (token: string, id: string) => t.http.get(`/api/v1/households/${id}`).set(auth(token));
  const visible = async (token: string) => {
    const seen: string[] = [];
    for (const [key, household] of Object.entries(h)) {
      const response = await get(token, household.id);
      expect([200, 404]).toContain(response.status);
      if (response.status === 200) seen.push(key);
    }
    return seen;
  };
  const storedRow = async (id: string) =>
    (await t.dataSource.query(`SELECT * FROM household WHERE id = '${id}'`))[0];

  it.each(['admin', 'commander', 'supervisor'] as const)('%s reads every household', async (role) => {
    const token = world[role];
    expect(await listCodes(token)).toEqual(['ACC-A', 'ACC-B', 'ACC-C', 'ACC-D', 'ACC-E']);
    expect(await visible(token)).toEqual(['A', 'B', 'C', 'D', 'E']);
  });

  it('a cadre reads only their own households; another cadre’s is 404', async () => {
    expect(await listCodes(world.cadre.token)).toEqual(['ACC-A', 'ACC-D']);
    expect(await visible(world.cadre.token)).toEqual(['A', 'D']);
    expect(await listCodes(world.otherCadre.token)).toEqual(['ACC-B', 'ACC-C']);
    // Filters cannot widen the scope.
    expect(await listCodes(world.cadre.token, `&cadreId=${world.otherCadre.id}`)).toEqual([]);
    expect(await listCodes(world.cadre.token, '&q=ACC-B')).toEqual([]);
  });

  it('a hidden household answers exactly like one that does not exist', async () => {
    const hidden = await get(world.cadre.token, h.B.id);
    const missing = await get(world.cadre.token, '00000000-0000-4000-8000-000000000000');
    expect(hidden.status).toBe(404);
    const { requestId: _a, ...hiddenBody } = hidden.body;
    const { requestId: _b, ...missingBody } = missing.body;
    expect(hiddenBody).toEqual(missingBody);
    expect(hiddenBody).toEqual({ statusCode: 404, code: 'HOUSEHOLD_NOT_FOUND', message: '移民户不存在' });
  });

  it('a cadre edits their own household, and gets 404 (nothing changed) for another’s', async () => {
    const own = await t.http
      .patch(`/api/v1/households/${h.A.id}`)
      .set(auth(world.cadre.token))
      .send({ version: h.A.version, note: '本人包户' });
    expect(own.status).toBe(200);
    expect(own.body.note).toBe('本人包户');
    h.A = own.body;

    const before = await storedRow(h.B.id);
    const other = await t.http
      .patch(`/api/v1/households/${h.B.id}`)
      .set(auth(world.cadre.token))
      .send({ version: h.B.version, note: '越权修改' });
    expect(other.status).toBe(404);
    expect(await storedRow(h.B.id)).toEqual(before);
  });

  it('a township official reads the households of their township, others 404', async () => {
    expect(await listCodes(world.official.token)).toEqual(['ACC-A', 'ACC-B', 'ACC-D', 'ACC-E']);
    expect(await visible(world.official.token)).toEqual(['A', 'B', 'D', 'E']);
    expect(await listCodes(world.official.token, `&townshipId=${world.otherTownshipId}`)).toEqual([]);
    expect(await listCodes(world.otherOfficial.token)).toEqual(['ACC-C']);
    expect(await visible(world.otherOfficial.token)).toEqual(['C']);
  });

  it('a village official reads only that village', async () => {
    expect(await listCodes(villageOfficial.token)).toEqual(['ACC-A', 'ACC-B', 'ACC-E']);
    expect(await visible(villageOfficial.token)).toEqual(['A', 'B', 'E']);
  });

  it('a handler sees no households at all', async () => {
    expect(await listCodes(world.handler.token)).toEqual([]);
    expect(await visible(world.handler.token)).toEqual([]);
  });

  it('supervisors, officials and handlers may not edit (403), and nothing changes', async () => {
    for (const token of [world.supervisor, world.official.token, world.handler.token]) {
      const before = await storedRow(h.E.id);
      const response = await t.http
        .patch(`/api/v1/households/${h.E.id}`)
        .set(auth(token))
        .send({ version: h.E.version, note: '不应生效' });
      expect(response.status).toBe(403);
      expect(response.body.code).toBe('FORBIDDEN');
      expect(await storedRow(h.E.id)).toEqual(before);
    }
  });

  it('only admin and commander register households', async () => {
    for (const token of [world.supervisor, world.cadre.token, world.official.token, world.handler.token]) {
      const counts = await registryCounts(t);
      const response = await t.http
        .post('/api/v1/households')
        .set(auth(token))
        .send(factory.householdBody(world.villageId));
      expect(response.status).toBe(403);
      expect(await registryCounts(t)).toEqual(counts);
    }
    const byCommander = await t.http
      .post('/api/v1/households')
      .set(auth(world.commander))
      .send(factory.householdBody(world.villageId, { code: 'ACC-F' }));
    expect(byCommander.status).toBe(201);
    // A commander edits any household.
    const edit = await t.http
      .patch(`/api/v1/households/${h.B.id}`)
      .set(auth(world.commander))
      .send({ version: h.B.version, group: '5组' });
    expect(edit.status).toBe(200);
    h.B = edit.body;
  });

  it('only admin and supervisor read the audit log; only admin verifies it', async () => {
    for (const token of [world.commander, world.cadre.token, world.official.token, world.handler.token]) {
      expect((await t.http.get('/api/v1/audit').set(auth(token))).status).toBe(403);
      expect((await t.http.get('/api/v1/audit/verify').set(auth(token))).status).toBe(403);
    }
    expect((await t.http.get('/api/v1/audit').set(auth(world.supervisor))).status).toBe(200);
    expect((await t.http.get('/api/v1/audit/verify').set(auth(world.supervisor))).status).toBe(403);
    expect((await t.http.get('/api/v1/audit/verify').set(auth(world.admin))).status).toBe(200);
  });
});
