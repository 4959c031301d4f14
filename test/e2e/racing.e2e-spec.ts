import { auth, Factory, World } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';

/** Concurrent requests on one household or one approval: exactly one wins, nobody gets a 500. */
describe('racing transitions and approvals', () => {
  let t: TestApp;
  let f: Factory;
  let w: World;

  beforeAll(async () => {
    t = await createTestApp();
    f = new Factory(t);
    w = await f.world();
  });
  afterAll(() => t.close());

  const count = async (table: string, column: string, value: string, extra = '') =>
    Number(
      (
        await t.dataSource
          .createQueryBuilder()
          .select('count(*)', 'n')
          .from(table, 'x')
          .where(`x.${column} = :value ${extra}`, { value })
          .getRawOne()
      ).n,
    );

  const auditActions = async (householdId: string, action: string) => {
    await t.http.get('/api/v1/audit?pageSize=1').set(auth(w.admin)); // seals pending entries
    return count('audit_entry', 'household_id', householdId, `AND x.action = '${action}'`);
  };

  it('20 concurrent transitions of one household: one move, the rest 409, audit matches', async () => {
    const h = await f.household(w);
    const responses = await Promise.all(
      Array.from({ length: 20 }, () =>
        t.http
          .post(`/api/v1/households/${h.id}/transitions`)
          .set(auth(w.cadre.token))
          .send({ to: 'surveyed', version: 1 }),
      ),
    );
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s !== 200).every((s) => s === 409 || s === 422)).toBe(true);
    expect(await count('stage_event', 'household_id', h.id)).toBe(1);
    expect(await auditActions(h.id, 'stage_move')).toBe(1);
  });

  it('20 concurrent requests for an approval step: one approval opened', async () => {
    const h = await f.household(w);
    await t.http
      .post(`/api/v1/households/${h.id}/transitions`)
      .set(auth(w.cadre.token))
      .send({ to: 'surveyed', version: 1 });
    const responses = await Promise.all(
      Array.from({ length: 20 }, () =>
        t.http
          .post(`/api/v1/households/${h.id}/transitions`)
          .set(auth(w.cadre.token))
          .send({ to: 'indicators_confirmed', version: 2 }),
      ),
    );
    expect(responses.filter((r) => r.status === 202)).toHaveLength(1);
    expect(responses.every((r) => [202, 409, 422].includes(r.status))).toBe(true);
    expect(await count('approval', 'household_id', h.id)).toBe(1);
  });

  it('20 concurrent approvals of one request: the household moves once, no 500, audit matches', async () => {
    const h = await f.household(w);
    await t.http
      .post(`/api/v1/households/${h.id}/transitions`)
      .set(auth(w.cadre.token))
      .send({ to: 'surveyed', version: 1 });
    const opened = await t.http
      .post(`/api/v1/households/${h.id}/transitions`)
      .set(auth(w.cadre.token))
      .send({ to: 'indicators_confirmed', version: 2 });
    const approvalId = opened.body.approval.id;
    // Half by the township official, half by an admin (who may decide any level).
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        t.http
          .post(`/api/v1/approvals/${approvalId}/decision`)
          .set(auth(i % 2 ? w.admin : w.official.token))
          .send({ decision: 'approve' }),
      ),
    );
    expect(responses.filter((r) => r.status === 200)).toHaveLength(1);
    expect(responses.every((r) => [200, 409, 422].includes(r.status))).toBe(true);
    const household = await t.http.get(`/api/v1/households/${h.id}`).set(auth(w.commander));
    expect(household.body.stage).toBe('indicators_confirmed');
    expect(await count('stage_event', 'household_id', h.id)).toBe(2);
    expect(await auditActions(h.id, 'approval_approve')).toBe(1);
    expect(await auditActions(h.id, 'stage_move')).toBe(2);
    const verify = await t.http.get('/api/v1/audit/verify').set(auth(w.admin));
    expect(verify.body.ok).toBe(true);
  });
});
