import { auth, Factory, World } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('problems (挂号 → 销号) and lights', () => {
  let t: TestApp;
  let f: Factory;
  let w: World;

  beforeAll(async () => {
    t = await createTestApp();
    f = new Factory(t);
    w = await f.world();
  });
  afterEach(() => t.clock.reset());
  afterAll(() => t.close());

  const household = async (id: string) =>
    (await t.http.get(`/api/v1/households/${id}`).set(auth(w.commander))).body;

  it('walks a problem through assignment, a reopen and closing, with its history', async () => {
    t.clock.set('2026-11-28T02:00:00Z');
    const h = await f.household(w);
    const created = await t.http.post('/api/v1/problems').set(auth(w.cadre.token)).send({
      householdId: h.id,
      category: 'transitional_housing',
      severity: 'p2',
      description: '过渡房漏雨，老人无处居住',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      status: 'open',
      dueAt: '2026-12-01T02:00:00.000Z',
      overdue: false,
      light: 'green',
    });
    const id = created.body.id;
    expect((await household(h.id)).openProblems).toBe(1);

    // Resolving before it is assigned is an illegal move; only the command centre assigns.
    expect(
      (await t.http.post(`/api/v1/problems/${id}/resolve`).set(auth(w.commander)).send({ resolution: 'x' }))
        .status,
    ).toBe(422);
    expect(
      (await t.http.post(`/api/v1/problems/${id}/assign`).set(auth(w.cadre.token)).send({ unitId: w.unitId }))
        .status,
    ).toBe(403);
    // The handler's unit cannot see it until it is assigned to them.
    expect((await t.http.get(`/api/v1/problems/${id}`).set(auth(w.handler.token))).status).toBe(404);
    const assigned = await t.http
      .post(`/api/v1/problems/${id}/assign`)
      .set(auth(w.commander))
      .send({ unitId: w.unitId, ownerId: w.handler.id });
    expect(assigned.body).toMatchObject({ status: 'assigned', unitId: w.unitId, ownerId: w.handler.id });
    expect(
      (
        await t.http
          .post(`/api/v1/problems/${id}/progress`)
          .set(auth(w.handler.token))
          .send({ note: '已联系施工队' })
      ).status,
    ).toBe(200);
    expect(
      (
        await t.http
          .post(`/api/v1/problems/${id}/resolve`)
          .set(auth(w.handler.token))
          .send({ resolution: '屋顶已修复' })
      ).body.status,
    ).toBe('resolved');
    // The resident is not satisfied: reopened (复号), then assigned again.
    expect(
      (
        await t.http
          .post(`/api/v1/problems/${id}/feedback`)
          .set(auth(w.otherCadre.token))
          .send({ satisfied: false })
      ).status,
    ).toBe(404);
    const reopened = await t.http
      .post(`/api/v1/problems/${id}/feedback`)
      .set(auth(w.cadre.token))
      .send({ satisfied: false, note: '仍有渗水' });
    expect(reopened.body).toMatchObject({ status: 'reopened', reopenCount: 1 });
    await t.http.post(`/api/v1/problems/${id}/assign`).set(auth(w.commander)).send({ unitId: w.unitId });
    await t.http
      .post(`/api/v1/problems/${id}/resolve`)
      .set(auth(w.handler.token))
      .send({ resolution: '整体更换屋面' });
    const closed = await t.http
      .post(`/api/v1/problems/${id}/feedback`)
      .set(auth(w.cadre.token))
      .send({ satisfied: true });
    expect(closed.body).toMatchObject({ status: 'closed' });
    expect((await household(h.id)).openProblems).toBe(0);
    expect(
      (await t.http.post(`/api/v1/problems/${id}/assign`).set(auth(w.commander)).send({ unitId: w.unitId }))
        .status,
    ).toBe(422);

    const detail = await t.http.get(`/api/v1/problems/${id}`).set(auth(w.commander));
    expect(detail.body.history.map((e: { kind: string }) => e.kind)).toEqual([
      'created',
      'assign',
      'progress',
      'resolve',
      'unsatisfied',
      'assign',
      'resolve',
      'satisfied',
    ]);
    const timeline = await t.http
      .get(`/api/v1/households/${h.id}/timeline?pageSize=50`)
      .set(auth(w.commander));
    expect(
      timeline.body.items.filter((e: { entityType: string }) => e.entityType === 'problem'),
    ).toHaveLength(8);
  });

  it('computes due dates from severity, and lists overdue and supervised problems', async () => {
    t.clock.set('2026-11-28T00:00:00Z');
    const h = await f.household(w);
    const p1 = await t.http
      .post('/api/v1/problems')
      .set(auth(w.commander))
      .send({ householdId: h.id, category: 'safety', severity: 'p1', description: '山体滑坡隐患' });
    const p3 = await t.http
      .post('/api/v1/problems')
      .set(auth(w.commander))
      .send({ category: 'site_infrastructure', severity: 'p3', description: '安置点道路未硬化' });
    expect(p1.body.dueAt).toBe('2026-11-29T00:00:00.000Z');
    expect(p3.body.dueAt).toBe('2026-12-05T00:00:00.000Z');
    t.clock.set('2026-11-28T19:12:00Z');
    expect((await t.http.get(`/api/v1/problems/${p1.body.id}`).set(auth(w.commander))).body.light).toBe(
      'yellow',
    );
    t.clock.set('2026-11-29T01:00:00Z');
    const overdue = await t.http.get('/api/v1/problems?overdue=true&pageSize=200').set(auth(w.commander));
    const ids = overdue.body.items.map((p: { id: string }) => p.id);
    expect(ids).toContain(p1.body.id);
    expect(ids).not.toContain(p3.body.id);
    expect(overdue.body.items.find((p: { id: string }) => p.id === p1.body.id)).toMatchObject({
      overdue: true,
      light: 'red',
    });

    expect(
      (await t.http.post(`/api/v1/problems/${p3.body.id}/supervise`).set(auth(w.cadre.token))).status,
    ).toBe(403);
    expect(
      (await t.http.post(`/api/v1/problems/${p3.body.id}/supervise`).set(auth(w.supervisor))).body.supervised,
    ).toBe(true);
    const supervised = await t.http.get('/api/v1/problems?supervised=true').set(auth(w.supervisor));
    expect(supervised.body.items.map((p: { id: string }) => p.id)).toEqual([p3.body.id]);
  });

  it('refuses bad problems with field messages and changes nothing', async () => {
    const before = (await t.http.get('/api/v1/problems').set(auth(w.commander))).body.total;
    const response = await t.http
      .post('/api/v1/problems')
      .set(auth(w.commander))
      .send({ category: 'ufo', severity: 'p9', description: '', x: 1 });
    expect(response.status).toBe(400);
    expect(response.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'category',
      'description',
      'severity',
      'x',
    ]);
    expect((await t.http.get('/api/v1/problems').set(auth(w.commander))).body.total).toBe(before);
  });

  it('lights a household on a fixed clock: unvisited 8 days is yellow, an overdue problem is red', async () => {
    t.clock.set('2026-11-01T02:00:00Z');
    const h = await f.household(w);
    await t.http
      .post(`/api/v1/households/${h.id}/visits`)
      .set(auth(w.cadre.token))
      .send({ visitedAt: '2026-11-01T10:00:00+08:00', method: 'in_person', summary: '首次入户' });
    expect((await household(h.id)).light).toBe('green');

    // Eight days later a change recomputes the light: yellow, because nobody has visited.
    t.clock.set('2026-11-09T03:00:00Z');
    const problem = await t.http
      .post('/api/v1/problems')
      .set(auth(w.cadre.token))
      .send({ householdId: h.id, category: 'hukou', severity: 'p3', description: '户口迁移手续' });
    let current = await household(h.id);
    expect(current).toMatchObject({ light: 'yellow', lightReasons: ['no_visit'] });

    // A visit turns it green again; once the problem is overdue, the next change turns it red.
    await t.http
      .post(`/api/v1/households/${h.id}/visits`)
      .set(auth(w.cadre.token))
      .send({ visitedAt: '2026-11-09T11:00:00+08:00', method: 'phone', summary: '电话回访' });
    expect((await household(h.id)).light).toBe('green');
    t.clock.set(new Date(new Date('2026-11-09T03:00:00Z').getTime() + 7 * DAY + HOUR));
    await t.http
      .post(`/api/v1/households/${h.id}/visits`)
      .set(auth(w.cadre.token))
      .send({ visitedAt: '2026-11-16T11:00:00+08:00', method: 'phone', summary: '再次回访' });
    current = await household(h.id);
    expect(current.light).toBe('red');
    // Registered on 11-01 and still there on 11-16: stalled for 15 days, which is a yellow reason too.
    expect(current.lightReasons).toEqual(['problem_overdue', 'stalled_yellow']);
    const filtered = await t.http
      .get(`/api/v1/households?light=red&villageId=${w.villageId}&pageSize=200`)
      .set(auth(w.commander));
    expect(filtered.body.items.map((x: { id: string }) => x.id)).toContain(h.id);
    expect(problem.status).toBe(201);
  });
});
