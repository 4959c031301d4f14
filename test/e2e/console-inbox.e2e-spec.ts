import { auth, Factory, World } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';

/**
 * What the console's inboxes show beside the ids: an official cannot list users or a handler open a household,
 * so approvals and problems carry the household's code and head and the people's names, and a notification
 * names the record it links to.
 */
describe('names and links for the console inboxes', () => {
  let t: TestApp;
  let f: Factory;
  let w: World;

  beforeAll(async () => {
    t = await createTestApp();
    f = new Factory(t);
    w = await f.world();
  });
  afterAll(() => t.close());

  const displayName = async (token: string) =>
    (await t.http.get('/api/v1/auth/me').set(auth(token))).body.displayName as string;

  type Notification = { kind: string; body: string; target: { type: string; id: string } | null };
  /** The caller's notification of this kind about this record, once the outbox has relayed it. */
  async function notification(token: string, kind: string, targetId: string): Promise<Notification> {
    for (let i = 0; i < 100; i++) {
      const body = (await t.http.get('/api/v1/notifications').set(auth(token))).body;
      const found = body.items.find((n: Notification) => n.kind === kind && n.target?.id === targetId);
      if (found) return found;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`no ${kind} notification about ${targetId}`);
  }

  it('names the household, the requester and each decider of an approval', async () => {
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
    const cadreName = await displayName(w.cadre.token);
    expect(opened.body.approval).toMatchObject({
      householdCode: h.code,
      headName: h.headName,
      requesterName: cadreName,
    });

    const pending = await t.http.get('/api/v1/approvals?status=pending').set(auth(w.official.token));
    expect(pending.body.items).toEqual([
      expect.objectContaining({
        id: opened.body.approval.id,
        householdCode: h.code,
        headName: h.headName,
        requestedBy: w.cadre.id,
        requesterName: cadreName,
        steps: [expect.objectContaining({ level: 'township', status: 'pending', decidedByName: null })],
      }),
    ]);

    const decided = await t.http
      .post(`/api/v1/approvals/${opened.body.approval.id}/decision`)
      .set(auth(w.official.token))
      .send({ decision: 'reject', comment: '面积有误' });
    const officialName = await displayName(w.official.token);
    expect(decided.body).toMatchObject({
      status: 'rejected',
      householdCode: h.code,
      requesterName: cadreName,
    });
    expect(decided.body.steps[0]).toMatchObject({ decidedBy: w.official.id, decidedByName: officialName });
    const one = await t.http.get(`/api/v1/approvals/${opened.body.approval.id}`).set(auth(w.official.token));
    expect(one.body).toMatchObject({ householdCode: h.code, headName: h.headName, requesterName: cadreName });
    expect(one.body.steps[0].decidedByName).toBe(officialName);
  });

  it('lists decided requests latest decision first: the history beside the queue', async () => {
    const request = async () => {
      const h = await f.household(w);
      await t.http
        .post(`/api/v1/households/${h.id}/transitions`)
        .set(auth(w.cadre.token))
        .send({ to: 'surveyed', version: 1 });
      const opened = await t.http
        .post(`/api/v1/households/${h.id}/transitions`)
        .set(auth(w.cadre.token))
        .send({ to: 'indicators_confirmed', version: 2 });
      return opened.body.approval.id as string;
    };
    const decide = (id: string, decision: string) =>
      t.http
        .post(`/api/v1/approvals/${id}/decision`)
        .set(auth(w.official.token))
        .send({ decision, comment: '意见' });
    t.clock.set('2026-11-28T01:00:00Z');
    const first = await request();
    const second = await request();
    const waiting = await request();
    await decide(second, 'approve');
    t.clock.set('2026-11-28T03:00:00Z');
    await decide(first, 'reject');
    t.clock.reset();

    const history = await t.http
      .get('/api/v1/approvals?status=decided&sort=-decidedAt&pageSize=200')
      .set(auth(w.official.token));
    const ids = history.body.items.map((a: { id: string }) => a.id);
    expect(ids.indexOf(first)).toBeLessThan(ids.indexOf(second));
    expect(ids.indexOf(second)).toBeGreaterThanOrEqual(0);
    expect(ids).not.toContain(waiting);
    expect(history.body.items.every((a: { status: string }) => a.status !== 'pending')).toBe(true);
    // The queue stays oldest first, and an unknown order is refused.
    const queue = await t.http.get('/api/v1/approvals?status=pending').set(auth(w.official.token));
    expect(queue.body.items.map((a: { id: string }) => a.id)).toContain(waiting);
    expect((await t.http.get('/api/v1/approvals?sort=code').set(auth(w.official.token))).status).toBe(400);
  });

  it("names a problem's household, reporter, owner and the actor of each history entry", async () => {
    const h = await f.household(w);
    const created = await t.http
      .post('/api/v1/problems')
      .set(auth(w.cadre.token))
      .send({ householdId: h.id, category: 'payment', severity: 'p2', description: '补偿款未到账' });
    const cadreName = await displayName(w.cadre.token);
    expect(created.body).toMatchObject({
      householdCode: h.code,
      headName: h.headName,
      villageId: w.villageId,
      reporterName: cadreName,
      ownerName: null,
    });
    const id = created.body.id;
    await t.http
      .post(`/api/v1/problems/${id}/assign`)
      .set(auth(w.commander))
      .send({ unitId: w.unitId, ownerId: w.handler.id });
    const handlerName = await displayName(w.handler.token);
    const progressed = await t.http
      .post(`/api/v1/problems/${id}/progress`)
      .set(auth(w.handler.token))
      .send({ note: '已联系财政局核实' });
    expect(progressed.body).toMatchObject({ ownerName: handlerName, householdCode: h.code });

    // The handler cannot open the household, yet sees which one it is.
    expect((await t.http.get(`/api/v1/households/${h.id}`).set(auth(w.handler.token))).status).toBe(404);
    const list = await t.http.get(`/api/v1/problems?householdId=${h.id}`).set(auth(w.handler.token));
    expect(list.body.items).toEqual([
      expect.objectContaining({ id, householdCode: h.code, headName: h.headName, ownerName: handlerName }),
    ]);
    const detail = await t.http.get(`/api/v1/problems/${id}`).set(auth(w.handler.token));
    const commanderName = await displayName(w.commander);
    expect(
      detail.body.history.map((e: { kind: string; actorName: string }) => [e.kind, e.actorName]),
    ).toEqual([
      ['created', cadreName],
      ['assign', commanderName],
      ['progress', handlerName],
    ]);

    // A problem without a household has no code to show.
    const loose = await t.http
      .post('/api/v1/problems')
      .set(auth(w.official.token))
      .send({ category: 'site_infrastructure', severity: 'p3', description: '安置点道路未硬化' });
    expect(loose.body).toMatchObject({ householdId: null, householdCode: null, headName: null });
  });

  it('links each notification to its record: the approval, the problem, the household of a visit', async () => {
    const h = await f.household(w);
    await t.http
      .post(`/api/v1/households/${h.id}/transitions`)
      .set(auth(w.cadre.token))
      .send({ to: 'surveyed', version: 1 });
    const opened = await t.http
      .post(`/api/v1/households/${h.id}/transitions`)
      .set(auth(w.cadre.token))
      .send({ to: 'indicators_confirmed', version: 2 });
    const approval = await notification(w.official.token, 'approval_requested', opened.body.approval.id);
    expect(approval.target).toEqual({ type: 'approval', id: opened.body.approval.id });

    const problem = await t.http
      .post('/api/v1/problems')
      .set(auth(w.cadre.token))
      .send({ householdId: h.id, category: 'payment', severity: 'p1', description: '补偿款未到账' });
    await t.http
      .post(`/api/v1/problems/${problem.body.id}/assign`)
      .set(auth(w.commander))
      .send({ unitId: w.unitId });
    const assigned = await notification(w.handler.token, 'problem_assigned', problem.body.id);
    expect(assigned.target).toEqual({ type: 'problem', id: problem.body.id });
    // In Chinese: the severity and category labels, not their codes.
    expect(assigned.body).toBe('交办紧急问题（资金兑付），请按期办结并反馈。');

    await t.http.post(`/api/v1/households/${h.id}/visits`).set(auth(w.cadre.token)).send({
      visitedAt: new Date().toISOString(),
      method: 'in_person',
      summary: '入户',
      concerns: '担心过渡期住房',
    });
    const concern = await notification(w.commander, 'visit_concern', h.id);
    expect(concern.target).toEqual({ type: 'household', id: h.id });
    expect(concern.body).toContain('担心过渡期住房');
  });
});
