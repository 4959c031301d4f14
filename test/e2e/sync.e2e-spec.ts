import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { TaskEntity, TaskStatus } from '../../src/modules/daily-cycle/tasks/entities/task.entity';
import { HouseholdDerived } from '../../src/modules/households/household-derived.service';
import { auth, Factory, World } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';

/** GET /sync/pull: the cadre phone's offline copy, whole on reset and as deltas after. */
describe('sync pull for the cadre app', () => {
  let t: TestApp;
  let f: Factory;
  let w: World;

  beforeAll(async () => {
    t = await createTestApp();
    f = new Factory(t);
    w = await f.world();
  });
  afterAll(() => t.close());

  const pull = (token: string, since?: string) =>
    t.http
      .get('/api/v1/sync/pull')
      .query(since === undefined ? {} : { since })
      .set(auth(token));

  const visit = (token: string, householdId: string, visitedAt: string, summary = '入户宣讲补偿政策') =>
    t.http
      .post(`/api/v1/households/${householdId}/visits`)
      .set(auth(token))
      .send({ visitedAt, method: 'in_person', summary, attitude: 'wavering' });

  /** A cadre of their own with `count` households, so each test's scope is exactly what it built. */
  const cadreWith = async (count: number) => {
    const cadre = await f.user(w.admin, 'cadre', w.taskForceId);
    const households = [];
    for (let i = 0; i < count; i++) households.push(await f.household(w, { cadreId: cadre.id }));
    return { cadre, households };
  };

  /** A task straight into the table, as the daily dispatch would issue it. */
  let cycleDay = 1;
  const insertTask = async (assigneeId: string, householdId: string, status: TaskStatus = 'open') => {
    const id = randomUUID();
    // One task per (cycle date, target): each its own day.
    const cycleDate = `2026-10-${String(cycleDay++).padStart(2, '0')}`;
    await t.dataSource.getRepository(TaskEntity).insert({
      id,
      cycleDate,
      kind: 'overdue_visit',
      targetType: 'household',
      targetId: householdId,
      householdId,
      assigneeUserId: assigneeId,
      assigneeUnitId: null,
      assigneeLevel: null,
      instruction: '7天未走访，请尽快入户',
      dueDate: '2026-11-26',
      status,
      note: null,
      createdAt: new Date(),
      completedAt: null,
      completedBy: null,
      version: 1,
    });
    return id;
  };

  it('answers a first pull with exactly the caller’s households, masked, with open problems and the newest 3 visits', async () => {
    const { cadre, households } = await cadreWith(3);
    const [a, b] = households;
    for (const [i, at] of [
      '2026-11-20T01:00:00Z',
      '2026-11-21T01:00:00Z',
      '2026-11-22T01:00:00Z',
      '2026-11-19T01:00:00Z',
    ].entries()) {
      expect((await visit(cadre.token, a.id, at, `第${i + 1}次走访`)).status).toBe(201);
    }
    const problem = await t.http.post('/api/v1/problems').set(auth(cadre.token)).send({
      householdId: a.id,
      category: 'transitional_housing',
      severity: 'p2',
      description: '过渡房漏雨',
    });
    expect(problem.status).toBe(201);
    // Someone else's household and a closed problem must not show.
    await f.household(w, { cadreId: w.otherCadre.id });

    const response = await pull(cadre.token);
    expect(response.status).toBe(200);
    const body = response.body;
    expect(body.reset).toBe(true);
    expect(typeof body.cursor).toBe('string');
    expect(new Date(body.serverTime).toISOString()).toBe(body.serverTime);
    expect(body.households.map((h: { id: string }) => h.id).sort()).toEqual(
      households.map((h) => h.id).sort(),
    );
    expect(body.removedHouseholdIds).toEqual([]);
    expect(body.removedTaskIds).toEqual([]);

    const pulledA = body.households.find((h: { id: string }) => h.id === a.id);
    expect(pulledA.phone).toMatch(/^1\d\d\*{4}\d{4}$/);
    expect(pulledA.phone).toBe(a.phone);
    expect(pulledA).not.toHaveProperty('headIdNumber');
    expect(pulledA).not.toHaveProperty('members');
    expect(pulledA).toMatchObject({
      code: a.code,
      headName: a.headName,
      villageId: w.villageId,
      stage: 'registered',
      intent: null,
      onHold: false,
      lastVisitAt: '2026-11-22T01:00:00.000Z',
      version: expect.any(Number),
    });
    expect(pulledA.villageName).toMatch(/^大兴寨村/);
    expect(pulledA.recentVisits.map((v: { summary: string }) => v.summary)).toEqual([
      '第3次走访',
      '第2次走访',
      '第1次走访',
    ]);
    expect(pulledA.recentVisits[0]).toEqual({
      id: expect.any(String),
      visitedAt: '2026-11-22T01:00:00.000Z',
      method: 'in_person',
      summary: '第3次走访',
      attitude: 'wavering',
    });
    expect(pulledA.openProblems).toEqual([
      {
        id: problem.body.id,
        category: 'transitional_housing',
        severity: 'p2',
        status: 'open',
        description: '过渡房漏雨',
        dueAt: problem.body.dueAt,
      },
    ]);
    const pulledB = body.households.find((h: { id: string }) => h.id === b.id);
    expect(pulledB.recentVisits).toEqual([]);
    expect(pulledB.openProblems).toEqual([]);

    // Nothing changed: an empty delta, with a new cursor.
    const again = await pull(cadre.token, body.cursor);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({
      reset: false,
      households: [],
      removedHouseholdIds: [],
      tasks: [],
      removedTaskIds: [],
    });
  });

  it('returns only the touched household after a visit, an intent, a problem, a stage move, a hold', async () => {
    const { cadre, households } = await cadreWith(6);
    const [byVisit, byIntent, byProblem, byStage, byHold, untouched] = households;
    let cursor = (await pull(cadre.token)).body.cursor;

    const expectOnly = async (id: string, check?: (h: Record<string, any>) => void) => {
      const response = await pull(cadre.token, cursor);
      expect(response.status).toBe(200);
      expect(response.body.reset).toBe(false);
      expect(response.body.households.map((h: { id: string }) => h.id)).toEqual([id]);
      check?.(response.body.households[0]);
      cursor = response.body.cursor;
    };

    expect((await visit(cadre.token, byVisit.id, '2026-11-23T02:00:00Z')).status).toBe(201);
    await expectOnly(byVisit.id, (h) => expect(h.recentVisits).toHaveLength(1));

    // An older visit does not move lastVisitAt, but it is a change to the household's visits all the same.
    expect((await visit(cadre.token, byVisit.id, '2026-11-01T02:00:00Z', '补录旧走访')).status).toBe(201);
    await expectOnly(byVisit.id, (h) => expect(h.recentVisits).toHaveLength(2));

    const intent = await t.http
      .post(`/api/v1/households/${byIntent.id}/intent`)
      .set(auth(cadre.token))
      .send({ option: 'scattered', livelihood: 'non_farm' });
    expect(intent.status).toBe(201);
    await expectOnly(byIntent.id, (h) =>
      expect(h.intent).toMatchObject({
        option: 'scattered',
        livelihood: 'non_farm',
        recordedAt: expect.any(String),
      }),
    );

    const problem = await t.http
      .post('/api/v1/problems')
      .set(auth(cadre.token))
      .send({ householdId: byProblem.id, category: 'safety', severity: 'p1', description: '房屋裂缝' });
    expect(problem.status).toBe(201);
    await expectOnly(byProblem.id, (h) => {
      expect(h.openProblems.map((p: { id: string }) => p.id)).toEqual([problem.body.id]);
      expect(h.light).toBe('red');
    });

    // The problem moves on without the household row changing: still a change for the phone.
    const assigned = await t.http
      .post(`/api/v1/problems/${problem.body.id}/assign`)
      .set(auth(w.commander))
      .send({ unitId: w.unitId });
    expect(assigned.status).toBe(200);
    await expectOnly(byProblem.id, (h) => expect(h.openProblems[0].status).toBe('assigned'));

    const moved = await t.http
      .post(`/api/v1/households/${byStage.id}/transitions`)
      .set(auth(cadre.token))
      .send({ to: 'surveyed', version: byStage.version });
    expect(moved.status).toBe(200);
    await expectOnly(byStage.id, (h) => expect(h.stage).toBe('surveyed'));

    const held = await t.http
      .post(`/api/v1/households/${byHold.id}/hold`)
      .set(auth(w.commander))
      .send({ reason: 'dispute' });
    expect(held.status).toBe(200);
    await expectOnly(byHold.id, (h) => expect(h).toMatchObject({ onHold: true, holdReason: 'dispute' }));

    // A change to another cadre's household is not in this one's delta.
    const other = await f.household(w, { cadreId: w.otherCadre.id });
    expect((await visit(w.otherCadre.token, other.id, '2026-11-23T03:00:00Z')).status).toBe(201);
    const quiet = await pull(cadre.token, cursor);
    expect(quiet.body.households).toEqual([]);
    expect(untouched.id).toBeDefined();
  });

  it('lists a household reassigned away in removedHouseholdIds, and the new cadre gets it', async () => {
    const { cadre, households } = await cadreWith(2);
    const { cadre: next } = await cadreWith(0);
    const [leaving, staying] = households;
    const cursor = (await pull(cadre.token)).body.cursor;
    const nextCursor = (await pull(next.token)).body.cursor;

    const assigned = await t.http
      .post('/api/v1/households/assignments')
      .set(auth(w.commander))
      .send({ householdIds: [leaving.id], cadreId: next.id });
    expect(assigned.status).toBe(200);

    const mine = await pull(cadre.token, cursor);
    expect(mine.body.removedHouseholdIds).toEqual([leaving.id]);
    expect(mine.body.households).toEqual([]);
    const theirs = await pull(next.token, nextCursor);
    expect(theirs.body.households.map((h: { id: string }) => h.id)).toEqual([leaving.id]);
    expect(theirs.body.removedHouseholdIds).toEqual([]);
    // A reset of the old cadre no longer has it.
    const reset = await pull(cadre.token);
    expect(reset.body.households.map((h: { id: string }) => h.id)).toEqual([staying.id]);

    // Given back: it is among the changed households again, not among the removed.
    await t.http
      .post('/api/v1/households/assignments')
      .set(auth(w.commander))
      .send({ householdIds: [leaving.id], cadreId: cadre.id });
    const back = await pull(cadre.token, mine.body.cursor);
    expect(back.body.households.map((h: { id: string }) => h.id)).toEqual([leaving.id]);
    expect(back.body.removedHouseholdIds).toEqual([]);
  });

  it('sends the caller’s tasks: open and recently done on reset, then changes, cancelled ones as removed', async () => {
    const { cadre, households } = await cadreWith(1);
    const [h] = households;
    const open = await insertTask(cadre.id, h.id);
    const cancelledBefore = await insertTask(cadre.id, h.id, 'cancelled');
    await insertTask(w.otherCadre.id, h.id);

    const first = await pull(cadre.token);
    expect(first.body.tasks.map((x: { id: string }) => x.id)).toEqual([open]);
    expect(first.body.tasks[0]).toMatchObject({
      id: open,
      kind: 'overdue_visit',
      householdId: h.id,
      householdCode: h.code,
      dueDate: '2026-11-26',
      status: 'open',
      completedAt: null,
    });
    expect(first.body.removedTaskIds).toEqual([]);
    expect(cancelledBefore).toBeDefined();

    const done = await t.http
      .post(`/api/v1/tasks/${open}/complete`)
      .set(auth(cadre.token))
      .send({ note: '已入户' });
    expect(done.status).toBe(200);
    const added = await insertTask(cadre.id, h.id);
    const delta = await pull(cadre.token, first.body.cursor);
    expect(delta.body.tasks.map((x: { id: string; status: string }) => `${x.id}:${x.status}`).sort()).toEqual(
      [`${open}:done`, `${added}:open`].sort(),
    );
    expect(delta.body.tasks.find((x: { id: string }) => x.id === open).completedAt).toEqual(
      expect.any(String),
    );

    await t.dataSource.getRepository(TaskEntity).update({ id: added }, { status: 'cancelled' });
    const cancelled = await pull(cadre.token, delta.body.cursor);
    expect(cancelled.body.tasks).toEqual([]);
    expect(cancelled.body.removedTaskIds).toEqual([added]);

    // Reset: the done one (today) stays, the cancelled ones do not.
    const reset = await pull(cadre.token);
    expect(reset.body.tasks.map((x: { id: string }) => x.id)).toEqual([open]);
  });

  it('answers a malformed, foreign or expired cursor with a reset, never an error', async () => {
    const { cadre, households } = await cadreWith(1);
    const { cadre: other } = await cadreWith(0);
    const foreign = (await pull(other.token)).body.cursor;
    for (const since of ['', 'garbage', '%%%', 'eyJ2IjoxfQ', foreign, 'x'.repeat(1000)]) {
      const response = await pull(cadre.token, since);
      expect(response.status).toBe(200);
      expect(response.body.reset).toBe(true);
      expect(response.body.households.map((h: { id: string }) => h.id)).toEqual([households[0].id]);
    }
    expect((await pull(cadre.token, 'x'.repeat(2001))).status).toBe(400);

    const cursor = (await pull(cadre.token)).body.cursor;
    t.clock.advance(31 * 86_400_000);
    try {
      const old = await pull(cadre.token, cursor);
      expect(old.body.reset).toBe(true);
      expect(old.body.households).toHaveLength(1);
    } finally {
      t.clock.reset();
    }
  });

  it('is for cadres only', async () => {
    for (const token of [w.commander, w.supervisor, w.official.token, w.handler.token, w.admin]) {
      const response = await pull(token);
      expect(response.status).toBe(403);
      expect(response.body.code).toBeDefined();
    }
    expect((await t.http.get('/api/v1/sync/pull')).status).toBe(401);
  });

  it('never misses a write that commits while a pull runs (concurrent writes and pulls)', async () => {
    const { cadre, households } = await cadreWith(8);
    let cursor = (await pull(cadre.token)).body.cursor;
    const seen = new Map<string, number>();
    const writes = households.map((h, i) => visit(cadre.token, h.id, `2026-11-2${i % 5}T0${i}:00:00Z`));
    // Pulls interleaved with the writes; each continues from the previous cursor.
    const pulls = (async () => {
      for (let i = 0; i < 6; i++) {
        const response = await pull(cadre.token, cursor);
        for (const h of response.body.households) seen.set(h.id, h.recentVisits.length);
        cursor = response.body.cursor;
      }
    })();
    const results = await Promise.all(writes);
    await pulls;
    expect(results.map((r) => r.status)).toEqual(households.map(() => 201));
    const last = await pull(cadre.token, cursor);
    for (const h of last.body.households) seen.set(h.id, h.recentVisits.length);
    for (const h of households) expect(seen.get(h.id)).toBe(1);
  });

  // PostgreSQL runs transactions side by side: a write stamped before the pull read the cursor but committed after.
  (process.env.DB === 'postgres' ? it : it.skip)(
    'catches a write that was in flight during the pull in the next delta (PostgreSQL)',
    async () => {
      const { cadre, households } = await cadreWith(2);
      const [slow] = households;
      const before = (await pull(cadre.token)).body.cursor;
      const runner = t.dataSource.createQueryRunner();
      await runner.connect();
      try {
        await runner.startTransaction();
        await runner.query(`UPDATE household SET address = '新地址' WHERE id = $1`, [slow.id]);
        // The pull runs while that transaction is open: it cannot see the change yet.
        const during = await pull(cadre.token, before);
        expect(during.body.households).toEqual([]);
        await runner.commitTransaction();
        const after = await pull(cadre.token, during.body.cursor);
        expect(
          after.body.households.map((h: { id: string; address: string }) => `${h.id}:${h.address}`),
        ).toEqual([`${slow.id}:新地址`]);
      } finally {
        await runner.release();
      }
    },
  );

  // Transaction ids are the server's, not the database's: a long transaction elsewhere must not make deltas repeat.
  (process.env.DB === 'postgres' ? it : it.skip)(
    'keeps deltas exact while another database on the server has a transaction open (PostgreSQL)',
    async () => {
      const elsewhere = new Client({
        connectionString: process.env.PG_TEST_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
      });
      await elsewhere.connect();
      try {
        await elsewhere.query('BEGIN');
        // Older than every row of this test: a cursor taken from the server's oldest transaction would repeat them all.
        await elsewhere.query('SELECT txid_current()');
        const { cadre, households } = await cadreWith(3);
        const first = await pull(cadre.token);
        expect((await visit(cadre.token, households[1].id, '2026-11-23T05:00:00Z')).status).toBe(201);
        const delta = await pull(cadre.token, first.body.cursor);
        expect(delta.body.households.map((h: { id: string }) => h.id)).toEqual([households[1].id]);
      } finally {
        await elsewhere.query('ROLLBACK');
        await elsewhere.end();
      }
    },
  );

  it('sends the lights the daily review changed in the next delta, each household once', async () => {
    const { cadre, households } = await cadreWith(3);
    const first = await pull(cadre.token);
    expect(first.body.households.map((h: { light: string }) => h.light)).toEqual(['green', 'green', 'green']);
    // Three weeks without a visit: the review turns every light (each in a batch of its own light and reasons).
    const start = t.clock.now();
    t.clock.advance(21 * 24 * 3_600_000);
    try {
      const { changed } = await t.app.get(HouseholdDerived).recomputeLights(t.clock.now());
      expect(changed).toBeGreaterThanOrEqual(3);
      const delta = await pull(cadre.token, first.body.cursor);
      expect(delta.body.reset).toBe(false);
      const mine = new Map(households.map((h) => [h.id, h]));
      expect(delta.body.households.map((h: { id: string }) => h.id).sort()).toEqual([...mine.keys()].sort());
      for (const h of delta.body.households) expect(h.light).not.toBe('green');
      expect((await pull(cadre.token, delta.body.cursor)).body.households).toEqual([]);
    } finally {
      t.clock.set(start);
    }
  });

  it('sends a light whose reasons alone changed (stored apart from the household row)', async () => {
    const { cadre, households } = await cadreWith(2);
    const [withProblem, quiet] = households;
    const problem = await t.http
      .post('/api/v1/problems')
      .set(auth(cadre.token))
      .send({ householdId: withProblem.id, category: 'safety', severity: 'p1', description: '房屋裂缝' });
    expect(problem.status).toBe(201);
    const first = await pull(cadre.token);
    const before = first.body.households.find((h: { id: string }) => h.id === withProblem.id);
    expect(before).toMatchObject({ light: 'red', lightReasons: ['problem_p1'] });
    // Three weeks on: still red, now also overdue and unvisited; the household row itself is not written.
    const start = t.clock.now();
    t.clock.advance(21 * 24 * 3_600_000);
    try {
      await t.app.get(HouseholdDerived).recomputeLights(t.clock.now());
      const delta = await pull(cadre.token, first.body.cursor);
      const after = delta.body.households.find((h: { id: string }) => h.id === withProblem.id);
      expect(after.light).toBe('red');
      expect(after.lightReasons).toEqual(
        expect.arrayContaining(['problem_overdue', 'problem_p1', 'no_visit']),
      );
      // The same reasons on the household's own page.
      const page = await t.http.get(`/api/v1/households/${withProblem.id}`).set(auth(cadre.token));
      expect(page.body.lightReasons).toEqual(after.lightReasons);
      expect(delta.body.households.map((h: { id: string }) => h.id).sort()).toEqual(
        [withProblem.id, quiet.id].sort(),
      );
      expect((await pull(cadre.token, delta.body.cursor)).body.households).toEqual([]);
      // A visit takes no_visit away: still red, one reason fewer, on the page and in the next pull.
      const visited = await visit(cadre.token, withProblem.id, t.clock.now().toISOString());
      expect(visited.status).toBe(201);
      const reasonsNow = after.lightReasons.filter((reason: string) => reason !== 'no_visit');
      const again = await t.http.get(`/api/v1/households/${withProblem.id}`).set(auth(cadre.token));
      expect(again.body).toMatchObject({ light: 'red', lightReasons: reasonsNow });
      const next = await pull(cadre.token, delta.body.cursor);
      expect(next.body.households).toEqual([
        expect.objectContaining({ id: withProblem.id, lightReasons: reasonsNow }),
      ]);
    } finally {
      t.clock.set(start);
    }
  });
});
