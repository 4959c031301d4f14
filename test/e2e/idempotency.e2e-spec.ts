import { randomUUID } from 'node:crypto';
import { TaskEntity } from '../../src/modules/daily-cycle/tasks/entities/task.entity';
import { auth, Factory, World } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';

/** Idempotency-Key on the phone's other writes: intent, problem, stage request, task completion. */
describe('Idempotency-Key on intent, problem, stage-request and task-completion writes', () => {
  let t: TestApp;
  let f: Factory;
  let w: World;

  beforeAll(async () => {
    t = await createTestApp();
    f = new Factory(t);
    w = await f.world();
  });
  afterAll(() => t.close());

  const count = async (table: string, column: string, value: string) => {
    const placeholder = t.dataSource.options.type === 'postgres' ? '$1' : '?';
    const [row] = await t.dataSource.query(
      `SELECT COUNT(*) AS n FROM ${table} WHERE ${column} = ${placeholder}`,
      [value],
    );
    return Number(row.n);
  };
  const intent = (token: string, householdId: string, body: Record<string, unknown>, key?: string) => {
    const request = t.http.post(`/api/v1/households/${householdId}/intent`).set(auth(token));
    return (key === undefined ? request : request.set('Idempotency-Key', key)).send(body);
  };
  const problem = (token: string, body: Record<string, unknown>, key?: string) => {
    const request = t.http.post('/api/v1/problems').set(auth(token));
    return (key === undefined ? request : request.set('Idempotency-Key', key)).send(body);
  };
  const transition = (token: string, householdId: string, body: Record<string, unknown>, key?: string) => {
    const request = t.http.post(`/api/v1/households/${householdId}/transitions`).set(auth(token));
    return (key === undefined ? request : request.set('Idempotency-Key', key)).send(body);
  };

  it('answers the same key and content with the first answer and writes once', async () => {
    const h = await f.household(w);
    const key = randomUUID();
    const body = { option: 'scattered', site: '矮寨镇集中安置点', livelihood: 'non_farm' };
    const first = await intent(w.cadre.token, h.id, body, key);
    expect(first.status).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    // Same content in another key order is the same request.
    const again = await intent(
      w.cadre.token,
      h.id,
      { livelihood: 'non_farm', site: '矮寨镇集中安置点', option: 'scattered' },
      key,
    );
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(await count('intent_record', 'household_id', h.id)).toBe(1);
  });

  it('refuses the same key with other content (409 IDEMPOTENCY_KEY_REUSED) and changes nothing', async () => {
    const h = await f.household(w);
    const key = randomUUID();
    expect((await intent(w.cadre.token, h.id, { option: 'scattered' }, key)).status).toBe(201);
    const other = await intent(w.cadre.token, h.id, { option: 'cash' }, key);
    expect(other.status).toBe(409);
    expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(other.body.message).toMatch(/Idempotency-Key/);
    expect(other.body.message).toMatch(/[\u4e00-\u9fff]/);
    // Another household (path parameter) or another route with that key: other content too.
    const h2 = await f.household(w);
    expect((await intent(w.cadre.token, h2.id, { option: 'scattered' }, key)).status).toBe(409);
    const onProblem = await problem(
      w.cadre.token,
      { householdId: h.id, category: 'other', severity: 'p3', description: '其他' },
      key,
    );
    expect(onProblem.status).toBe(409);
    expect(await count('intent_record', 'household_id', h.id)).toBe(1);
    expect(await count('intent_record', 'household_id', h2.id)).toBe(0);
    expect(await count('problem', 'household_id', h.id)).toBe(0);
    const stored = await t.http.get(`/api/v1/households/${h.id}`).set(auth(w.cadre.token));
    expect(stored.body.intent.option).toBe('scattered');
  });

  it('lets concurrent requests with one key write once; all get the same answer', async () => {
    const h = await f.household(w);
    const key = randomUUID();
    const body = { householdId: h.id, category: 'safety', severity: 'p2', description: '屋后边坡有落石' };
    const responses = await Promise.all(Array.from({ length: 6 }, () => problem(w.cadre.token, body, key)));
    expect(responses.map((r) => r.status)).toEqual(responses.map(() => 201));
    const ids = new Set(responses.map((r) => r.body.id));
    expect(ids.size).toBe(1);
    expect(await count('problem', 'household_id', h.id)).toBe(1);
    expect(responses.filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(5);
    const household = await t.http.get(`/api/v1/households/${h.id}`).set(auth(w.cadre.token));
    expect(household.body.openProblems).toBe(1);
  });

  it('moves a household once for concurrent stage requests with one key, and replays the 200 even when its version is stale now', async () => {
    const h = await f.household(w);
    const key = randomUUID();
    const body = { to: 'surveyed', version: h.version };
    const responses = await Promise.all(
      Array.from({ length: 4 }, () => transition(w.cadre.token, h.id, body, key)),
    );
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect(new Set(responses.map((r) => r.body.version)).size).toBe(1);
    expect(responses[0].body.stage).toBe('surveyed');
    expect(await count('stage_event', 'household_id', h.id)).toBe(1);
    const later = await transition(w.cadre.token, h.id, body, key);
    expect(later.status).toBe(200);
    expect(later.body).toEqual(responses[0].body);
    // Without the key the same body is a stale version, as today.
    expect((await transition(w.cadre.token, h.id, body)).status).toBe(409);
  });

  it('replays a 202 (approval opened) with the same approval, and opens only one', async () => {
    const h = await f.household(w);
    expect((await transition(w.cadre.token, h.id, { to: 'surveyed', version: h.version })).status).toBe(200);
    const current = (await t.http.get(`/api/v1/households/${h.id}`).set(auth(w.cadre.token))).body;
    const key = randomUUID();
    const body = { to: 'indicators_confirmed', version: current.version, comment: '请镇里审核' };
    const first = await transition(w.cadre.token, h.id, body, key);
    expect(first.status).toBe(202);
    const again = await transition(w.cadre.token, h.id, body, key);
    expect(again.status).toBe(202);
    expect(again.body.approval.id).toBe(first.body.approval.id);
    expect(await count('approval', 'household_id', h.id)).toBe(1);
  });

  it('replays a task completion sent again after a lost answer (not 422 "already done"), and audits it once', async () => {
    const h = await f.household(w);
    const id = randomUUID();
    await t.dataSource.getRepository(TaskEntity).insert({
      id,
      cycleDate: '2026-10-01',
      kind: 'overdue_visit',
      targetType: 'household',
      targetId: h.id,
      householdId: h.id,
      assigneeUserId: w.cadre.id,
      assigneeUnitId: null,
      assigneeLevel: null,
      instruction: '7天未走访，请尽快入户',
      dueDate: '2026-11-26',
      status: 'open',
      note: null,
      createdAt: new Date(),
      completedAt: null,
      completedBy: null,
      version: 1,
    });
    const complete = (body: Record<string, unknown>, key?: string) => {
      const request = t.http.post(`/api/v1/tasks/${id}/complete`).set(auth(w.cadre.token));
      return (key === undefined ? request : request.set('Idempotency-Key', key)).send(body);
    };
    const key = randomUUID();
    const first = await complete({ note: '已入户' }, key);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ id, status: 'done', note: '已入户' });
    const again = await complete({ note: '已入户' }, key);
    expect(again.status).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(await count('audit_entry', 'entity_id', id)).toBe(1);
    // Another note under that key is other content; without a key the task is simply no longer open.
    expect((await complete({ note: '改了' }, key)).status).toBe(409);
    expect((await complete({ note: '已入户' })).status).toBe(422);
  });

  it('keeps no refusal: a 422 leaves the key free for the retry after the cause is gone', async () => {
    const h = await f.household(w);
    expect(
      (
        await t.http
          .post(`/api/v1/households/${h.id}/hold`)
          .set(auth(w.commander))
          .send({ reason: 'petition' })
      ).status,
    ).toBe(200);
    const held = (await t.http.get(`/api/v1/households/${h.id}`).set(auth(w.cadre.token))).body;
    const key = randomUUID();
    const body = { to: 'surveyed', version: held.version };
    const refused = await transition(w.cadre.token, h.id, body, key);
    expect(refused.status).toBe(422);
    expect(await count('idempotency_key', '"key"', key)).toBe(0);
    expect(
      (await t.http.post(`/api/v1/households/${h.id}/release`).set(auth(w.commander)).send({})).status,
    ).toBe(200);
    const released = (await t.http.get(`/api/v1/households/${h.id}`).set(auth(w.cadre.token))).body;
    const retried = await transition(w.cadre.token, h.id, { ...body, version: released.version }, key);
    expect(retried.status).toBe(200);
    expect(retried.body.stage).toBe('surveyed');
  });

  it('leaves requests without the header as they were: each one writes', async () => {
    const h = await f.household(w);
    const body = { householdId: h.id, category: 'hukou', severity: 'p3', description: '户口迁移手续' };
    expect((await problem(w.cadre.token, body)).status).toBe(201);
    expect((await problem(w.cadre.token, body)).status).toBe(201);
    expect(await count('problem', 'household_id', h.id)).toBe(2);
  });

  it('keeps each user’s keys apart', async () => {
    const mine = await f.household(w);
    const theirs = await f.household(w, { cadreId: w.otherCadre.id });
    const key = 'shared-key-1';
    const a = await problem(
      w.cadre.token,
      { householdId: mine.id, category: 'other', severity: 'p3', description: '甲户反映宅基地边界问题' },
      key,
    );
    const b = await problem(
      w.otherCadre.token,
      { householdId: theirs.id, category: 'other', severity: 'p3', description: '乙户反映宅基地边界问题' },
      key,
    );
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body.id).not.toBe(b.body.id);
    expect(b.headers['idempotent-replayed']).toBeUndefined();
    // And another user's key never replays someone else's answer.
    const c = await problem(
      w.otherCadre.token,
      { householdId: mine.id, category: 'other', severity: 'p3', description: '甲户反映宅基地边界问题' },
      'another-key',
    );
    expect(c.status).toBe(404);
  });

  it('refuses a malformed key with 400 IDEMPOTENCY_KEY_INVALID, before anything is written', async () => {
    const h = await f.household(w);
    for (const key of ['', 'k'.repeat(101), 'two words', '中文键']) {
      const response = await t.http
        .post(`/api/v1/households/${h.id}/intent`)
        .set(auth(w.cadre.token))
        .set('Idempotency-Key', encodeURIComponent(key) === key ? key : Buffer.from(key).toString('latin1'))
        .send({ option: 'cash' });
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('IDEMPOTENCY_KEY_INVALID');
      expect(response.body.details[0].message).toMatch(/1–100/);
    }
    expect(await count('intent_record', 'household_id', h.id)).toBe(0);
    expect((await intent(w.cadre.token, h.id, { option: 'cash' }, 'k'.repeat(100))).status).toBe(201);
  });

  it('forgets keys after 7 days', async () => {
    const h = await f.household(w);
    const key = randomUUID();
    const body = { householdId: h.id, category: 'other', severity: 'p3', description: '过期测试' };
    expect((await problem(w.cadre.token, body, key)).status).toBe(201);
    t.clock.advance(8 * 86_400_000);
    try {
      expect((await problem(w.cadre.token, body, key)).status).toBe(201);
      expect(await count('problem', 'household_id', h.id)).toBe(2);
      expect(await count('idempotency_key', '"key"', key)).toBe(1);
    } finally {
      t.clock.reset();
    }
  });
});
