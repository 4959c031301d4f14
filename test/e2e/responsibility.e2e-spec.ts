import { randomUUID } from 'node:crypto';
import { EscalationService } from '../../src/modules/daily-cycle/tasks/escalation.service';
import { auth, Factory, World } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';

type Body = Record<string, any>;

/**
 * Issue #16 part 1, the 包保 responsibility matrix (docs/architecture.md, "The responsibility matrix"): roles set at
 * village or task-force level are inherited by their households unless a household sets its own; every change is a
 * handover on the households' timelines; the overdue list and the dispatch name the chain; a task open
 * ESCALATION_DAYS (3) past its due date climbs the chain with a notice, once per level.
 */
describe('responsibility: the 包保 matrix, handovers and escalation', () => {
  let t: TestApp;
  let f: Factory;
  let w: World;
  /** 包村领导 of the village, another leader, 工作队长 of the task force. */
  let leader: { id: string; token: string };
  let otherLeader: { id: string; token: string };
  let captain: { id: string; token: string };
  const h: Record<string, Body> = {};

  const at = (instant: string) => t.clock.set(instant);
  const responsibles = (id: string, token = w.commander) =>
    t.http.get(`/api/v1/households/${id}/responsibles`).set(auth(token));
  const role = (body: Body, name: string) => body.roles.find((r: Body) => r.role === name);
  const setVillage = (villageId: string, body: Body, token = w.commander) =>
    t.http.put(`/api/v1/responsibles/villages/${villageId}`).set(auth(token)).send(body);
  const setTaskForce = (taskForceId: string, body: Body, token = w.commander) =>
    t.http.put(`/api/v1/responsibles/task-forces/${taskForceId}`).set(auth(token)).send(body);
  const setHouseholds = (body: Body, token = w.commander) =>
    t.http.post('/api/v1/responsibles/households').set(auth(token)).send(body);
  const counts = async () => {
    const n = async (table: string) =>
      Number((await t.dataSource.query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);
    return {
      rows: await n('responsibility'),
      handovers: await n('responsibility_handover'),
      audit: await n('audit_entry'),
    };
  };

  async function runCycle(date: string): Promise<Body> {
    const started = await t.http.post(`/api/v1/cycle/${date}/run`).set(auth(w.commander));
    expect(started.status).toBe(202);
    for (let i = 0; i < 400; i++) {
      const status = await t.http.get(`/api/v1/cycle/${date}`).set(auth(w.commander));
      if (status.body.cycle && ['done', 'skipped', 'failed'].includes(status.body.cycle.status)) {
        expect(status.body.cycle.status).not.toBe('failed');
        return status.body.jobs.find((j: Body) => j.name === 'dispatch');
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('cycle did not finish');
  }
  const notices = async (token: string) =>
    ((await t.http.get('/api/v1/notifications').set(auth(token))).body.items as Body[]).filter(
      (n) => n.kind === 'escalation',
    );

  beforeAll(async () => {
    t = await createTestApp();
    f = new Factory(t);
    at('2026-11-01T02:00:00Z');
    w = await f.world();
    leader = await f.user(w.admin, 'official', w.townshipId);
    otherLeader = await f.user(w.admin, 'official', w.townshipId);
    captain = await f.user(w.admin, 'commander', w.centreId);
    h.H1 = await f.household(w, { taskForceId: w.taskForceId });
    h.H2 = await f.household(w, { taskForceId: w.taskForceId });
    h.H3 = await f.household(w, {
      villageId: w.otherVillageId,
      taskForceId: w.taskForceId,
      cadreId: w.otherCadre.id,
    });
  });
  afterAll(() => t.close());

  describe('inheritance and override', () => {
    it('a household inherits from its village, then its task force', async () => {
      at('2026-11-02T02:00:00Z');
      const captainSet = await setTaskForce(w.taskForceId, {
        role: 'task_force_leader',
        holderId: captain.id,
        reason: '专班组建',
      });
      expect(captainSet.status).toBe(200);
      expect(captainSet.body).toEqual({ changed: 1, householdsAffected: 3 });
      expect(
        (await setVillage(w.villageId, { role: 'village_leader', holderId: leader.id, reason: '包村' })).body,
      ).toEqual({ changed: 1, householdsAffected: 2 });
      // A village leader set at task-force level reaches the households whose village has none (H3).
      at('2026-11-02T02:00:01Z');
      expect(
        (await setTaskForce(w.taskForceId, { role: 'village_leader', holderId: otherLeader.id })).body,
      ).toEqual({ changed: 1, householdsAffected: 1 });

      const first = (await responsibles(h.H1.id)).body;
      expect(first.roles.map((r: Body) => r.role)).toEqual([
        'cadre',
        'village_leader',
        'task_force_leader',
        'backing_unit',
      ]);
      expect(role(first, 'cadre')).toMatchObject({
        label: '包户干部',
        holder: { type: 'user', id: w.cadre.id },
        source: 'assignment',
        since: '2026-11-01T02:00:00.000Z', // registered with this cadre
      });
      expect(role(first, 'village_leader')).toMatchObject({
        label: '包村领导',
        holder: { type: 'user', id: leader.id, name: expect.stringContaining('official') },
        source: 'village',
        since: '2026-11-02T02:00:00.000Z',
      });
      expect(role(first, 'task_force_leader')).toMatchObject({
        holder: { id: captain.id },
        source: 'task_force',
      });
      expect(role(first, 'backing_unit')).toMatchObject({ label: '后盾单位', holder: null, source: null });

      const third = (await responsibles(h.H3.id)).body;
      expect(role(third, 'village_leader')).toMatchObject({
        holder: { id: otherLeader.id },
        source: 'task_force',
      });
      expect(role(third, 'cadre').holder.id).toBe(w.otherCadre.id);
    });

    it('a household overrides its village, and clearing the override inherits again', async () => {
      at('2026-11-03T02:00:00Z');
      const set = await setHouseholds({
        householdIds: [h.H2.id],
        role: 'village_leader',
        holderId: otherLeader.id,
        reason: '该户由另一位领导包保',
      });
      expect(set.status).toBe(200);
      expect(set.body).toEqual({ changed: 1, householdsAffected: 1 });
      expect(role((await responsibles(h.H2.id)).body, 'village_leader')).toMatchObject({
        holder: { id: otherLeader.id },
        source: 'household',
      });
      expect(role((await responsibles(h.H1.id)).body, 'village_leader').holder.id).toBe(leader.id);

      // Another village leader at village level: H1 follows it, H2 keeps its own.
      at('2026-11-04T02:00:00Z');
      const second = await f.user(w.admin, 'official', w.townshipId);
      expect((await setVillage(w.villageId, { role: 'village_leader', holderId: second.id })).body).toEqual({
        changed: 1,
        householdsAffected: 1,
      });
      expect(role((await responsibles(h.H1.id)).body, 'village_leader').holder.id).toBe(second.id);
      expect(role((await responsibles(h.H2.id)).body, 'village_leader').holder.id).toBe(otherLeader.id);
      // Back to the first leader (the escalation below relies on it).
      at('2026-11-04T03:00:00Z');
      await setVillage(w.villageId, { role: 'village_leader', holderId: leader.id, reason: '调回' });

      at('2026-11-05T02:00:00Z');
      const cleared = await setHouseholds({
        householdIds: [h.H2.id],
        role: 'village_leader',
        holderId: null,
        reason: '恢复按村包保',
      });
      expect(cleared.body).toEqual({ changed: 1, householdsAffected: 1 });
      expect(role((await responsibles(h.H2.id)).body, 'village_leader')).toMatchObject({
        holder: { id: leader.id },
        source: 'village',
      });
      // Setting the same holder again changes nothing and writes nothing.
      const before = await counts();
      expect((await setVillage(w.villageId, { role: 'village_leader', holderId: leader.id })).body).toEqual({
        changed: 0,
        householdsAffected: 0,
      });
      expect(await counts()).toEqual(before);
    });

    it('a backing unit is an org unit of kind unit, set for a whole village at once', async () => {
      const wrong = await setHouseholds({
        villageId: w.villageId,
        role: 'backing_unit',
        holderId: leader.id,
      });
      expect(wrong.status).toBe(400);
      expect(wrong.body.code).toBe('RESPONSIBLE_HOLDER_INVALID');
      expect(wrong.body.details[0].field).toBe('holderId');
      const set = await setHouseholds({ villageId: w.villageId, role: 'backing_unit', holderId: w.unitId });
      expect(set.body).toEqual({ changed: 2, householdsAffected: 2 });
      for (const id of [h.H1.id, h.H2.id])
        expect(role((await responsibles(id)).body, 'backing_unit')).toMatchObject({
          holder: { type: 'unit', id: w.unitId },
          source: 'household',
        });
      expect(role((await responsibles(h.H3.id)).body, 'backing_unit').holder).toBeNull();
    });

    it('lists what is set at village and task-force level', async () => {
      const levels = await t.http.get('/api/v1/responsibles?scopeType=village').set(auth(w.supervisor));
      expect(levels.status).toBe(200);
      expect(levels.body).toEqual([
        expect.objectContaining({
          scopeType: 'village',
          scopeId: w.villageId,
          scopeName: expect.stringContaining('大兴寨村'),
          role: 'village_leader',
          holder: expect.objectContaining({ id: leader.id }),
        }),
      ]);
      expect((await t.http.get('/api/v1/responsibles').set(auth(w.cadre.token))).status).toBe(403);
    });
  });

  describe('all or nothing, and who may', () => {
    it('refuses a selection with one unknown or unseen household, naming it, and changes nothing', async () => {
      const before = await counts();
      const ghost = randomUUID();
      const refused = await setHouseholds({
        householdIds: [h.H1.id, ghost],
        role: 'task_force_leader',
        holderId: leader.id,
      });
      expect(refused.status).toBe(404);
      expect(refused.body.code).toBe('HOUSEHOLD_NOT_FOUND');
      expect(refused.body.details).toEqual([{ field: 'householdIds', message: `${ghost} 不存在` }]);
      expect(await counts()).toEqual(before);
      expect(role((await responsibles(h.H1.id)).body, 'task_force_leader').source).toBe('task_force');
    });

    it('refuses bad input with a code and a Chinese message, never a 500', async () => {
      const cases: [Promise<any>, number, string][] = [
        [
          setHouseholds({ householdIds: [h.H1.id], role: 'mayor', holderId: leader.id }),
          400,
          'VALIDATION_FAILED',
        ],
        [setHouseholds({ householdIds: [h.H1.id], role: 'village_leader' }), 400, 'VALIDATION_FAILED'],
        [
          setHouseholds({
            householdIds: [h.H1.id],
            villageId: w.villageId,
            role: 'village_leader',
            holderId: null,
          }),
          400,
          'VALIDATION_FAILED',
        ],
        [setHouseholds({ role: 'village_leader', holderId: null }), 400, 'VALIDATION_FAILED'],
        [
          setVillage(w.taskForceId, { role: 'village_leader', holderId: leader.id }),
          404,
          'RESPONSIBILITY_SCOPE_NOT_FOUND',
        ],
        [
          setVillage(randomUUID(), { role: 'village_leader', holderId: leader.id }),
          404,
          'RESPONSIBILITY_SCOPE_NOT_FOUND',
        ],
        [
          setTaskForce(w.taskForceId, { role: 'task_force_leader', holderId: randomUUID() }),
          400,
          'RESPONSIBLE_HOLDER_INVALID',
        ],
        [
          setTaskForce(w.taskForceId, { role: 'task_force_leader', holderId: 'nobody' }),
          400,
          'VALIDATION_FAILED',
        ],
      ];
      for (const [response, status, code] of cases) {
        const r = await response;
        expect([r.status, r.body.code]).toEqual([status, code]);
        expect(r.body.message).toMatch(/[\u4e00-\u9fff]/);
      }
    });

    it('lets only the command centre set; others read within their scope', async () => {
      const body = { role: 'village_leader', holderId: otherLeader.id };
      expect((await setVillage(w.villageId, body, w.supervisor)).status).toBe(403);
      expect((await setVillage(w.villageId, body, w.cadre.token)).status).toBe(403);
      expect((await setHouseholds({ ...body, householdIds: [h.H1.id] }, w.official.token)).status).toBe(403);
      expect((await responsibles(h.H1.id, w.cadre.token)).status).toBe(200);
      expect((await responsibles(h.H1.id, w.official.token)).status).toBe(200);
      // Another cadre's household, another township's: not found, as everywhere.
      expect((await responsibles(h.H1.id, w.otherCadre.token)).status).toBe(404);
      expect((await responsibles(h.H1.id, w.otherOfficial.token)).status).toBe(404);
      expect((await responsibles(randomUUID())).status).toBe(404);
    });
  });

  describe('handover history', () => {
    it('is kept with the household’s responsibles: from, to, by, when, why', async () => {
      const { history } = (await responsibles(h.H2.id)).body;
      const villageLeader = history.filter((e: Body) => e.role === 'village_leader');
      // Newest first: the override cleared, the village back to the first leader, the second leader, the
      // override, the first leader. The task force's village leader is not H2's (its village has one) but is
      // on its task force's record.
      expect(
        villageLeader.map((e: Body) => [e.scopeType, e.from?.id ?? null, e.to?.id ?? null, e.reason]),
      ).toEqual([
        ['household', otherLeader.id, null, '恢复按村包保'],
        ['village', expect.any(String), leader.id, '调回'],
        ['village', leader.id, expect.any(String), null],
        ['household', null, otherLeader.id, '该户由另一位领导包保'],
        ['task_force', null, otherLeader.id, null],
        ['village', null, leader.id, '包村'],
      ]);
      expect(villageLeader[0]).toMatchObject({
        roleLabel: '包村领导',
        at: '2026-11-05T02:00:00.000Z',
        byName: expect.any(String),
        from: { type: 'user', name: expect.stringContaining('official') },
      });
    });

    it('shows on the household’s timeline', async () => {
      const timeline = (await t.http.get(`/api/v1/households/${h.H2.id}/timeline`).set(auth(w.commander)))
        .body.items as Body[];
      const handovers = timeline.filter((e) => e.type === 'handover');
      // Newest first, only what changed H2's holder or its own setting (the village's second leader did not
      // reach H2, which had its own then).
      expect(
        handovers.map((e) => {
          const { _context: context, ...changes } = e.changes;
          const [[roleName, change]] = Object.entries(changes) as [string, Body][];
          return [roleName, change.from, change.to, context.scope];
        }),
      ).toEqual([
        ['backing_unit', null, w.unitId, 'household'],
        ['village_leader', otherLeader.id, leader.id, 'household'],
        ['village_leader', leader.id, otherLeader.id, 'household'],
        ['village_leader', null, leader.id, 'village'],
        ['task_force_leader', null, captain.id, 'task_force'],
      ]);
      expect(handovers[1]).toMatchObject({
        action: 'handover',
        actor: { role: 'commander' },
        changes: { _context: { role: 'village_leader', roleLabel: '包村领导', reason: '恢复按村包保' } },
      });
    });
  });

  describe('the chain on the overdue list and the dispatch, and escalation', () => {
    it('names the whole chain for each overdue case', async () => {
      at('2026-11-20T10:00:00Z'); // 18:00 in Shanghai: never visited since the 1st, all three are overdue
      const overdue = (await t.http.get('/api/v1/supervision/overdue').set(auth(w.supervisor))).body;
      const item = (id: string) => overdue.overdueVisits.find((i: Body) => i.householdId === id);
      expect(item(h.H1.id).chain).toEqual([
        { role: 'cadre', label: '包户干部', userId: w.cadre.id, name: expect.any(String) },
        {
          role: 'village_leader',
          label: '包村领导',
          userId: leader.id,
          name: expect.stringContaining('official'),
        },
        {
          role: 'task_force_leader',
          label: '工作队长',
          userId: captain.id,
          name: expect.stringContaining('commander'),
        },
      ]);
      expect(item(h.H3.id).chain.map((l: Body) => l.userId)).toEqual([
        w.otherCadre.id,
        otherLeader.id,
        captain.id,
      ]);
    });

    it('dispatches to the cadre, naming the chain, without escalating yet', async () => {
      const dispatch = await runCycle('2026-11-20');
      expect(dispatch.detail).toMatchObject({ created: 3, escalated: 0, escalationsNotified: 0 });
      const sheet = (await t.http.get('/api/v1/dispatch/2026-11-20').set(auth(w.commander))).body;
      const tasks = sheet.assignees.flatMap((g: Body) => g.tasks) as Body[];
      const task = tasks.find((x) => x.householdId === h.H1.id)!;
      expect(task).toMatchObject({
        assignee: { userId: w.cadre.id },
        dueDate: '2026-11-21',
        escalation: { level: 0, at: null, to: null },
      });
      expect(task.chain.map((l: Body) => l.userId)).toEqual([w.cadre.id, leader.id, captain.id]);
    });

    it('raises a task open 3 days past its due date to the village leader, with one notice', async () => {
      at('2026-11-23T10:00:00Z'); // two days past: nothing yet
      expect((await runCycle('2026-11-23')).detail).toMatchObject({ escalated: 0 });
      expect(await notices(leader.token)).toEqual([]);

      at('2026-11-24T10:00:00Z');
      const dispatch = await runCycle('2026-11-24');
      // H1 and H2 to the village leader, H3 to the leader its task force gave it.
      expect(dispatch.detail).toMatchObject({ escalated: 3, escalationsNotified: 2 });
      const mine = await notices(leader.token);
      expect(mine).toHaveLength(1);
      expect(mine[0]).toMatchObject({
        title: '2026-11-24 超期任务升级督办',
        target: { type: 'dispatch', id: '2026-11-24' },
      });
      expect(mine[0].body).toContain('2 项');
      expect(mine[0].body).toContain(h.H1.code);
      const tasks = (await t.http.get('/api/v1/tasks?date=2026-11-20').set(auth(w.commander))).body
        .items as Body[];
      expect(tasks.find((x) => x.householdId === h.H1.id)!.escalation).toEqual({
        level: 1,
        at: '2026-11-24T10:00:00.000Z',
        to: leader.id,
      });
      expect(await notices(w.cadre.token)).toEqual([]);
    });

    it('notifies nobody twice: a run again, the next day', async () => {
      const again = await t.app.get(EscalationService).run('2026-11-24', t.clock.now());
      expect(again).toEqual({ escalated: 0, notified: 0 });
      at('2026-11-25T10:00:00Z');
      expect((await runCycle('2026-11-25')).detail).toMatchObject({ escalated: 0, escalationsNotified: 0 });
      expect(await notices(leader.token)).toHaveLength(1);
      expect(await notices(captain.token)).toEqual([]);
    });

    it('then to the task-force leader after as many days again; a task done climbs no more', async () => {
      const h2Task = (
        (await t.http.get('/api/v1/tasks?date=2026-11-20').set(auth(w.cadre.token))).body.items as Body[]
      ).find((x) => x.householdId === h.H2.id)!;
      expect(
        (await t.http.post(`/api/v1/tasks/${h2Task.id}/complete`).set(auth(w.cadre.token)).send({})).status,
      ).toBe(200);
      at('2026-11-27T10:00:00Z');
      const dispatch = await runCycle('2026-11-27');
      expect(dispatch.detail).toMatchObject({ escalated: 2, escalationsNotified: 1 });
      const captains = await notices(captain.token);
      expect(captains).toHaveLength(1);
      expect(captains[0].body).toContain('2 项');
      expect(captains[0].body).not.toContain(h.H2.code);
      expect(await notices(leader.token)).toHaveLength(1);
      const tasks = (await t.http.get('/api/v1/tasks?date=2026-11-20').set(auth(w.commander))).body
        .items as Body[];
      expect(tasks.find((x) => x.householdId === h.H1.id)!.escalation).toMatchObject({
        level: 2,
        to: captain.id,
      });
      expect(tasks.find((x) => x.householdId === h.H2.id)!.escalation).toMatchObject({
        level: 1,
        to: leader.id,
      });
    });
  });

  it("dates the cadre from the household's last assignment, which no other change moves", async () => {
    const assign = (cadreId: string) =>
      t.http
        .post('/api/v1/households/assignments')
        .set(auth(w.commander))
        .send({ householdIds: [h.H2.id], cadreId });
    at('2026-11-28T01:00:00Z');
    expect((await assign(w.otherCadre.id)).status).toBe(200);
    expect(role((await responsibles(h.H2.id)).body, 'cadre')).toMatchObject({
      holder: { id: w.otherCadre.id },
      since: '2026-11-28T01:00:00.000Z',
    });
    at('2026-11-29T01:00:00Z');
    expect(
      (
        await t.http
          .post(`/api/v1/households/${h.H2.id}/hold`)
          .set(auth(w.commander))
          .send({ reason: 'dispute' })
      ).status,
    ).toBe(200);
    expect((await assign(w.otherCadre.id)).status).toBe(200); // the same cadre again: no new run
    expect(role((await responsibles(h.H2.id)).body, 'cadre').since).toBe('2026-11-28T01:00:00.000Z');
    at('2026-11-30T01:00:00Z');
    expect((await assign(w.cadre.id)).status).toBe(200);
    expect(role((await responsibles(h.H2.id)).body, 'cadre')).toMatchObject({
      holder: { id: w.cadre.id },
      since: '2026-11-30T01:00:00.000Z',
    });
  });
});
