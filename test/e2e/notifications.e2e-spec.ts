import { auth, Factory, World } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';

/** Writes that concern someone else reach them through the outbox and the Notify job (in-process driver here). */
describe('notifications through the outbox', () => {
  let t: TestApp;
  let f: Factory;
  let w: World;

  beforeAll(async () => {
    t = await createTestApp();
    f = new Factory(t);
    w = await f.world();
  });
  afterAll(() => t.close());

  async function inbox(token: string, expected: number) {
    for (let i = 0; i < 100; i++) {
      const body = (await t.http.get('/api/v1/notifications?unread=true').set(auth(token))).body;
      if (body.total >= expected) return body;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return (await t.http.get('/api/v1/notifications?unread=true').set(auth(token))).body;
  }

  it('tells the township official (only theirs) that an approval awaits them', async () => {
    const h = await f.household(w);
    await t.http
      .post(`/api/v1/households/${h.id}/transitions`)
      .set(auth(w.cadre.token))
      .send({ to: 'surveyed', version: 1 });
    const opened = await t.http
      .post(`/api/v1/households/${h.id}/transitions`)
      .set(auth(w.cadre.token))
      .send({ to: 'indicators_confirmed', version: 2 });
    expect(opened.status).toBe(202);
    const mine = await inbox(w.official.token, 1);
    expect(mine.items).toHaveLength(1);
    expect(mine.items[0]).toMatchObject({ kind: 'approval_requested', title: '待审批' });
    expect(mine.items[0].body).toContain(h.code);
    // The other township's official hears nothing.
    expect((await t.http.get('/api/v1/notifications').set(auth(w.otherOfficial.token))).body.total).toBe(0);
    // Marking read.
    expect(
      (await t.http.post(`/api/v1/notifications/${mine.items[0].id}/read`).set(auth(w.official.token))).body
        .marked,
    ).toBe(1);
    expect(
      (await t.http.get('/api/v1/notifications?unread=true').set(auth(w.official.token))).body.total,
    ).toBe(0);
    expect(
      (await t.http.post(`/api/v1/notifications/${mine.items[0].id}/read`).set(auth(w.cadre.token))).status,
    ).toBe(404);
  });

  it('tells the unit of a problem assigned to it, and the command centre of a visit with concerns', async () => {
    const h = await f.household(w);
    const problem = await t.http
      .post('/api/v1/problems')
      .set(auth(w.cadre.token))
      .send({ householdId: h.id, category: 'payment', severity: 'p2', description: '补偿款未到账' });
    await t.http
      .post(`/api/v1/problems/${problem.body.id}/assign`)
      .set(auth(w.commander))
      .send({ unitId: w.unitId });
    const handler = await inbox(w.handler.token, 1);
    expect(handler.items.map((n: { kind: string }) => n.kind)).toEqual(['problem_assigned']);

    const before = (await t.http.get('/api/v1/notifications').set(auth(w.commander))).body.total;
    await t.http.post(`/api/v1/households/${h.id}/visits`).set(auth(w.cadre.token)).send({
      visitedAt: new Date().toISOString(),
      method: 'in_person',
      summary: '入户',
      attitude: 'resistant',
      concerns: '担心安置房质量',
    });
    const commander = await inbox(w.commander, before + 1);
    expect(
      commander.items.some(
        (n: { kind: string; body: string }) =>
          n.kind === 'visit_concern' && n.body.includes('担心安置房质量'),
      ),
    ).toBe(true);
    // A visit without concerns notifies nobody; the outbox is empty once relayed.
    await t.http
      .post(`/api/v1/households/${h.id}/visits`)
      .set(auth(w.cadre.token))
      .send({ visitedAt: new Date().toISOString(), method: 'phone', summary: '回访' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await t.http.get('/api/v1/notifications').set(auth(w.commander))).body.total).toBe(before + 1);
    const unsent = await t.dataSource
      .createQueryBuilder()
      .select('count(*)', 'n')
      .from('outbox', 'o')
      .where('o.sent_at IS NULL')
      .getRawOne();
    expect(Number(unsent.n)).toBe(0);
  });
});
