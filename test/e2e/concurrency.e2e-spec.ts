import { auth, birthDateOf, Factory, residentId, World } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';

type Body = Record<string, any>;

describe('concurrency: racing writes get exactly one winner and clean 409s, never a 500', () => {
  let t: TestApp;
  let factory: Factory;
  let world: World;

  beforeAll(async () => {
    t = await createTestApp();
    factory = new Factory(t);
    world = await factory.world();
  });
  afterAll(() => t.close());

  const statusCounts = (responses: { status: number }[]) =>
    responses.reduce<Record<number, number>>(
      (acc, r) => ({ ...acc, [r.status]: (acc[r.status] ?? 0) + 1 }),
      {},
    );
  const auditCount = async (householdId: string, action: string) => {
    const response = await t.http
      .get(`/api/v1/audit?entityType=household&entityId=${householdId}&pageSize=200`)
      .set(auth(world.admin));
    return response.body.items.filter((e: Body) => e.action === action).length;
  };
  const storedVersion = async (id: string) =>
    Number((await t.dataSource.query(`SELECT version FROM household WHERE id = '${id}'`))[0].version);

  it('50 PATCHes of one household with the same version: one 200, 49 × 409, version +1', async () => {
    const household = await factory.household(world, { code: 'RACE-0001' });
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        t.http
          .patch(`/api/v1/households/${household.id}`)
          .set(auth(i % 2 ? world.admin : world.commander))
          .send({ version: household.version, note: `note-${i}` }),
      ),
    );
    expect(statusCounts(responses)).toEqual({ 200: 1, 409: 49 });
    for (const loser of responses.filter((r) => r.status === 409))
      expect(loser.body.code).toBe('STALE_VERSION');
    const winner = responses.find((r) => r.status === 200)!;
    expect(winner.body.version).toBe(household.version + 1);

    expect(await storedVersion(household.id)).toBe(household.version + 1);
    const read = await t.http.get(`/api/v1/households/${household.id}`).set(auth(world.admin));
    expect(read.body.note).toBe(winner.body.note);
    expect(await auditCount(household.id, 'update')).toBe(1);
  });

  it('racing member replacements leave exactly the winner’s members', async () => {
    const household = await factory.household(world, { code: 'RACE-0002' });
    const bodies = Array.from({ length: 20 }, (_, i) => {
      const idNumber = residentId('female');
      return {
        version: household.version,
        members: [
          { name: `配偶${i}`, idNumber, sex: 'female', birthDate: birthDateOf(idNumber), relation: 'spouse' },
        ],
      };
    });
    const responses = await Promise.all(
      bodies.map((body) =>
        t.http.patch(`/api/v1/households/${household.id}`).set(auth(world.admin)).send(body),
      ),
    );
    expect(statusCounts(responses)).toEqual({ 200: 1, 409: 19 });
    const winner = responses.find((r) => r.status === 200)!;
    const members = await t.dataSource.query(
      `SELECT name, relation FROM household_member WHERE household_id = '${household.id}' ORDER BY position`,
    );
    expect(members.map((m: Body) => [m.name, m.relation])).toEqual(
      winner.body.members.map((m: Body) => [m.name, m.relation]),
    );
    expect(members).toHaveLength(2);
    expect(await storedVersion(household.id)).toBe(household.version + 1);
  });

  it('racing creates with one code: one 201, the rest 409 duplicate code', async () => {
    const responses = await Promise.all(
      Array.from({ length: 12 }, () =>
        t.http
          .post('/api/v1/households')
          .set(auth(world.admin))
          .send(factory.householdBody(world.villageId, { code: 'RACE-SAME-CODE' })),
      ),
    );
    expect(statusCounts(responses)).toEqual({ 201: 1, 409: 11 });
    for (const loser of responses.filter((r) => r.status === 409))
      expect(loser.body.code).toBe('DUPLICATE_HOUSEHOLD_CODE');
    const rows = await t.dataSource.query(
      `SELECT COUNT(*) AS n FROM household WHERE code = 'RACE-SAME-CODE'`,
    );
    expect(Number(rows[0].n)).toBe(1);
  });

  it('racing creates with one resident ID: one 201, the rest 409 duplicate ID', async () => {
    const headIdNumber = residentId('male');
    const responses = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        t.http
          .post('/api/v1/households')
          .set(auth(world.admin))
          .send(factory.householdBody(world.villageId, { code: `RACE-ID-${i}`, headIdNumber })),
      ),
    );
    expect(statusCounts(responses)).toEqual({ 201: 1, 409: 11 });
    for (const loser of responses.filter((r) => r.status === 409))
      expect(loser.body.code).toBe('DUPLICATE_RESIDENT_ID');
    const rows = await t.dataSource.query(`SELECT COUNT(*) AS n FROM household WHERE code LIKE 'RACE-ID-%'`);
    expect(Number(rows[0].n)).toBe(1);
  });

  it('the audit chain holds after all of it', async () => {
    const verify = await t.http.get('/api/v1/audit/verify').set(auth(world.admin));
    expect(verify.body.ok).toBe(true);
  });
});
