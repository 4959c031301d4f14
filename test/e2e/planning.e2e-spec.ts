import { auth, Factory, setHouseholdColumns, World } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';

/**
 * 搬迁节点倒排 on a fixed clock (issue #16 part 2). Leads: indicators_confirmed 60, intent_approved 45,
 * agreement_signed 30, paid 15, moved_out 0 days before the move. "Today" is 2026-12-01 (Shanghai), so the pace
 * window is 2026-11-18 … 12-01. Village V1 (nine households):
 *
 *   a1 agreement_signed (2 steps to moved_out)   a2 registered (7)   a3 registered → surveyed on 11-22 (6)
 *   b1…b5 paid → moved_out on 11-23 … 11-27 (5 steps in the window)   b6 paid → moved_out on 11-17 (outside it)
 *
 * Pace: 6 net steps in 14 days (a3's and b1…b5's), 3 open households (a1, a2, a3): each household makes
 * 6 / (14 × 3) = 1/7 step a day, so r steps take 7r days. Steps to go: 2 + 7 + 6 = 15, so the forecast is
 * today + ceil(15 × 14 / 6) = +35 days = 2027-01-05. V2 has one registered household and no move date.
 */
describe('planning (搬迁节点倒排)', () => {
  let t: TestApp;
  let f: Factory;
  let w: World;
  const h: Record<string, string> = {};

  const at = (iso: string) => t.clock.set(iso);
  const ok = (response: { status: number; body: unknown }, ...expected: number[]) => {
    if (!expected.includes(response.status))
      throw new Error(
        `expected ${expected.join('/')}, got ${response.status} ${JSON.stringify(response.body)}`,
      );
    return response.body as Record<string, any>;
  };
  const household = (id: string, token = w.commander) =>
    t.http.get(`/api/v1/households/${id}`).set(auth(token));
  const plan = (id: string, token = w.commander) =>
    t.http.get(`/api/v1/households/${id}/plan`).set(auth(token));
  const overview = (token = w.commander) => t.http.get('/api/v1/planning').set(auth(token));
  const setMoveDate = (villageId: string, body: Record<string, unknown>, token = w.commander) =>
    t.http.put(`/api/v1/villages/${villageId}/move-date`).set(auth(token)).send(body);
  const lightOf = async (id: string) => {
    const body = ok(await household(id), 200);
    return { light: body.light, reasons: body.lightReasons };
  };
  /** One step forward through the real API; a step with approvers is approved by the admin at every level. */
  const advance = async (id: string, to: string) => {
    const { version } = ok(await household(id), 200);
    const body = ok(
      await t.http.post(`/api/v1/households/${id}/transitions`).set(auth(w.commander)).send({ to, version }),
      200,
      202,
    );
    if (!body.approval) return;
    for (let level = 0; level < body.approval.steps.length; level++)
      ok(
        await t.http
          .post(`/api/v1/approvals/${body.approval.id}/decision`)
          .set(auth(w.admin))
          .send({ decision: 'approve' }),
        200,
      );
    expect(ok(await household(id), 200).stage).toBe(to);
  };
  const visit = async (id: string, visitedAt: string) => {
    at(visitedAt);
    ok(
      await t.http
        .post(`/api/v1/households/${id}/visits`)
        .set(auth(w.commander))
        .send({ visitedAt, method: 'in_person', summary: '入户了解搬迁准备' }),
      201,
    );
  };
  const villageIn = async (villageId: string) =>
    (ok(await overview(), 200).villages as any[]).find((v) => v.villageId === villageId);

  beforeAll(async () => {
    t = await createTestApp({ JOB_SCHEDULES: 'false' });
    f = new Factory(t);
    w = await f.world();
    at('2026-11-16T10:00:00+08:00');
    h.b6 = (await f.household(w)).id;
    await setHouseholdColumns(t, h.b6, { stage: 'paid' });
    at('2026-11-17T10:00:00+08:00');
    await advance(h.b6, 'moved_out');
    at('2026-11-20T10:00:00+08:00');
    for (const key of ['a1', 'a2', 'a3', 'b1', 'b2', 'b3', 'b4', 'b5']) h[key] = (await f.household(w)).id;
    h.c1 = (await f.household(w, { villageId: w.otherVillageId, cadreId: w.otherCadre.id })).id;
    await setHouseholdColumns(t, h.a1, { stage: 'agreement_signed' });
    for (const key of ['b1', 'b2', 'b3', 'b4', 'b5']) await setHouseholdColumns(t, h[key], { stage: 'paid' });
    at('2026-11-22T10:00:00+08:00');
    await advance(h.a3, 'surveyed');
    for (const [i, key] of ['b1', 'b2', 'b3', 'b4', 'b5'].entries()) {
      at(`2026-11-2${3 + i}T10:00:00+08:00`);
      await advance(h[key], 'moved_out');
    }
    for (const key of ['a1', 'a2', 'a3']) await visit(h[key], '2026-12-01T09:00:00+08:00');
    at('2026-12-01T10:00:00+08:00');
  });

  afterAll(() => t.close());

  it('plans every remaining stage back from a move date and judges it at the village pace', async () => {
    const set = ok(await setMoveDate(w.villageId, { date: '2027-01-30', reason: '安置点交房时间确定' }), 200);
    expect(set).toMatchObject({ villageId: w.villageId, moveDate: '2027-01-30', version: 1, replanned: 9 });

    expect(ok(await plan(h.a3), 200)).toEqual({
      householdId: h.a3,
      villageId: w.villageId,
      stage: 'surveyed',
      moveDate: '2027-01-30',
      villageMoveDate: '2027-01-30',
      batch: null,
      target: 'moved_out',
      remainingSteps: 6,
      daysLeft: 60,
      stages: [
        { stage: 'indicators_confirmed', label: '实物指标已确认', plannedDate: '2026-12-01', behind: false },
        { stage: 'intent_collected', label: '意愿已征询', plannedDate: '2026-12-16', behind: false },
        { stage: 'intent_approved', label: '意愿已审批', plannedDate: '2026-12-16', behind: false },
        { stage: 'agreement_signed', label: '已签约', plannedDate: '2026-12-31', behind: false },
        { stage: 'paid', label: '补偿已兑付', plannedDate: '2027-01-15', behind: false },
        { stage: 'moved_out', label: '已搬迁腾空', plannedDate: '2027-01-30', behind: false },
      ],
      behindPlan: false,
      pace: { measuredOn: '2026-12-01', windowDays: 14, steps: 6, openHouseholds: 3, perDay: 6 / 14 },
      daysNeeded: 42,
      cannotMakeMoveDate: false,
    });
    expect(ok(await plan(h.a2), 200)).toMatchObject({
      remainingSteps: 7,
      daysNeeded: 49,
      cannotMakeMoveDate: false,
    });
    // Past the target: nothing left to plan.
    expect(ok(await plan(h.b1), 200)).toMatchObject({ stage: 'moved_out', remainingSteps: 0, stages: [] });
    // A village without a move date has no plan.
    expect(ok(await plan(h.c1), 200)).toMatchObject({
      moveDate: null,
      stages: [],
      behindPlan: false,
      pace: null,
    });
    for (const key of ['a1', 'a2', 'a3'])
      expect(await lightOf(h[key])).toEqual({ light: 'green', reasons: [] });

    const v1 = await villageIn(w.villageId);
    expect(v1).toMatchObject({
      moveDate: '2027-01-30',
      version: 1,
      households: 9,
      openHouseholds: 3,
      remainingSteps: 15,
      pace: { measuredOn: '2026-12-01', windowDays: 14, steps: 6, openHouseholds: 3 },
      forecastDate: '2027-01-05',
      forecastLate: false,
      atRisk: 0,
      behindPlan: 0,
      cannotMakeMoveDate: 0,
    });
    expect(await villageIn(w.otherVillageId)).toMatchObject({
      moveDate: null,
      households: 1,
      remainingSteps: 7,
      pace: { steps: 0 },
      forecastDate: null,
      forecastLate: false,
    });
  });

  it('replans when the move date changes: behind plan is yellow, cannot make it is red, with reasons', async () => {
    at('2026-12-01T11:00:00+08:00');
    const set = ok(
      await setMoveDate(w.villageId, {
        date: '2026-12-15',
        reason: '汛期提前，指挥部决定提前搬迁',
        version: 1,
      }),
      200,
    );
    expect(set).toMatchObject({ moveDate: '2026-12-15', version: 2, replanned: 9 });

    // a1: paid was due 11-30 (behind); 2 steps take 14 days, 14 days are left: it can still make it.
    expect(ok(await plan(h.a1), 200)).toMatchObject({
      daysLeft: 14,
      stages: [
        { stage: 'paid', plannedDate: '2026-11-30', behind: true },
        { stage: 'moved_out', plannedDate: '2026-12-15', behind: false },
      ],
      behindPlan: true,
      daysNeeded: 14,
      cannotMakeMoveDate: false,
    });
    expect(await lightOf(h.a1)).toEqual({ light: 'yellow', reasons: ['behind_plan'] });
    // a2 (49 days needed) and a3 (42): red, and behind (indicators_confirmed was due 10-16).
    for (const key of ['a2', 'a3'])
      expect(await lightOf(h[key])).toEqual({
        light: 'red',
        reasons: ['cannot_make_move_date', 'behind_plan'],
      });
    expect(ok(await plan(h.a3), 200).stages[0]).toEqual({
      stage: 'indicators_confirmed',
      label: '实物指标已确认',
      plannedDate: '2026-10-16',
      behind: true,
    });

    expect(await villageIn(w.villageId)).toMatchObject({
      moveDate: '2026-12-15',
      version: 2,
      forecastDate: '2027-01-05',
      forecastLate: true,
      atRisk: 3,
      behindPlan: 3,
      cannotMakeMoveDate: 2,
    });
    const list = ok(
      await t.http.get(`/api/v1/planning/villages/${w.villageId}/at-risk`).set(auth(w.supervisor)),
      200,
    );
    expect(list.total).toBe(3);
    expect(list.items.map((item: any) => [item.id, item.light, item.lightReasons])).toEqual([
      [h.a2, 'red', ['cannot_make_move_date', 'behind_plan']],
      [h.a3, 'red', ['cannot_make_move_date', 'behind_plan']],
      [h.a1, 'yellow', ['behind_plan']],
    ]);

    // Each change is audited: who, before → after, why.
    const audit = ok(
      await t.http.get(`/api/v1/audit?entityType=village&entityId=${w.villageId}`).set(auth(w.admin)),
      200,
    );
    expect(
      audit.items
        .map((entry: any) => [entry.action, entry.changes.moveDate, entry.changes._context?.reason])
        .reverse(),
    ).toEqual([
      ['move_date_set', { from: null, to: '2027-01-30' }, '安置点交房时间确定'],
      ['move_date_set', { from: '2027-01-30', to: '2026-12-15' }, '汛期提前，指挥部决定提前搬迁'],
    ]);
    // The same date again changes nothing and audits nothing.
    expect(ok(await setMoveDate(w.villageId, { date: '2026-12-15', reason: '重复提交' }), 200).version).toBe(
      2,
    );
    expect(
      ok(await t.http.get(`/api/v1/audit?entityType=village&entityId=${w.villageId}`).set(auth(w.admin)), 200)
        .total,
    ).toBe(2);
  });

  it('refuses bad input with a code and changes nothing', async () => {
    const auditCount = async () =>
      Number((await t.dataSource.query('SELECT COUNT(*) AS n FROM audit_entry'))[0].n);
    const before = await auditCount();
    const refused = async (response: { status: number; body: any }, status: number, code: string) => {
      expect([response.status, response.body.code]).toEqual([status, code]);
      expect(typeof response.body.message).toBe('string');
    };
    await refused(
      await setMoveDate(w.villageId, { date: '2026-02-30', reason: '日期有误' }),
      400,
      'VALIDATION_FAILED',
    );
    await refused(await setMoveDate(w.villageId, { date: '2026-12-20' }), 400, 'VALIDATION_FAILED');
    await refused(
      await setMoveDate(w.villageId, { date: '2026-12-20', reason: '调整', extra: 1 }),
      400,
      'VALIDATION_FAILED',
    );
    const past = await setMoveDate(w.villageId, { date: '2026-11-30', reason: '补录' });
    await refused(past, 422, 'MOVE_DATE_PAST');
    expect(past.body.message).toBe('搬迁节点不能早于今天（2026-12-01）');
    await refused(
      await setMoveDate(w.townshipId, { date: '2026-12-20', reason: '调整' }),
      404,
      'VILLAGE_NOT_FOUND',
    );
    await refused(
      await setMoveDate(w.villageId, { date: '2026-12-20', reason: '调整', version: 1 }),
      409,
      'STALE_VERSION',
    );
    expect(
      (await setMoveDate(w.villageId, { date: '2026-12-20', reason: '调整' }, w.cadre.token)).status,
    ).toBe(403);
    expect(
      (await setMoveDate(w.villageId, { date: '2026-12-20', reason: '调整' }, w.supervisor)).status,
    ).toBe(403);
    expect((await overview(w.cadre.token)).status).toBe(403);

    expect(await villageIn(w.villageId)).toMatchObject({ moveDate: '2026-12-15', version: 2 });
    expect(await auditCount()).toBe(before);
    // A household's plan: whoever sees the household; 404 for anyone else.
    expect((await plan(h.a1, w.cadre.token)).status).toBe(200);
    expect((await plan(h.a1, w.otherCadre.token)).body.code).toBe('HOUSEHOLD_NOT_FOUND');
    expect((await plan(h.a1, w.otherCadre.token)).status).toBe(404);
  });

  it('gives a batch of households its own move date over the village one, audited and replanned', async () => {
    at('2026-12-01T11:45:00+08:00');
    const batches = (token = w.commander) => t.http.get('/api/v1/planning/batches').set(auth(token));
    const createBatch = (body: Record<string, unknown>, token = w.commander) =>
      t.http.post('/api/v1/planning/batches').set(auth(token)).send(body);
    // a3 moves on 2027-03-01 with its batch: 90 days left, 42 needed; indicators_confirmed is planned for 12-31.
    const created = ok(
      await createBatch({
        name: '大兴寨村第二批',
        moveDate: '2027-03-01',
        reason: '安置房第二批交付',
        householdIds: [h.a3],
      }),
      201,
    );
    expect(created).toMatchObject({
      name: '大兴寨村第二批',
      moveDate: '2027-03-01',
      households: 1,
      villageIds: [w.villageId],
      version: 1,
      replanned: 9,
    });
    expect(ok(await plan(h.a3), 200)).toMatchObject({
      moveDate: '2027-03-01',
      villageMoveDate: '2026-12-15',
      batch: { id: created.id, name: '大兴寨村第二批', moveDate: '2027-03-01' },
      daysLeft: 90,
      daysNeeded: 42,
      behindPlan: false,
      cannotMakeMoveDate: false,
    });
    expect(ok(await plan(h.a3), 200).stages[0]).toMatchObject({ plannedDate: '2026-12-31', behind: false });
    expect(await lightOf(h.a3)).toEqual({ light: 'green', reasons: [] });
    expect(await villageIn(w.villageId)).toMatchObject({ atRisk: 2, behindPlan: 2, cannotMakeMoveDate: 1 });
    expect(ok(await batches(w.supervisor), 200)).toEqual([
      expect.objectContaining({ id: created.id, households: 1, villageIds: [w.villageId] }),
    ]);

    // Moved forward to 12-20: 19 days left, 42 needed, indicators_confirmed was due 10-21.
    const moved = ok(
      await t.http
        .put(`/api/v1/planning/batches/${created.id}/move-date`)
        .set(auth(w.commander))
        .send({ date: '2026-12-20', reason: '第二批提前', version: 1 }),
      200,
    );
    expect(moved).toMatchObject({ moveDate: '2026-12-20', version: 2, households: 1, replanned: 9 });
    expect(await lightOf(h.a3)).toEqual({ light: 'red', reasons: ['cannot_make_move_date', 'behind_plan'] });
    const audit = ok(
      await t.http.get(`/api/v1/audit?entityType=plan_batch&entityId=${created.id}`).set(auth(w.admin)),
      200,
    );
    expect(audit.items.map((entry: any) => [entry.action, entry.changes.moveDate]).reverse()).toEqual([
      ['move_date_set', { from: null, to: '2027-03-01' }],
      ['move_date_set', { from: '2027-03-01', to: '2026-12-20' }],
    ]);

    // Refusals: a household already in a batch, a name taken, unknown households, a past date, roles, no batch.
    const code = (response: { status: number; body: any }) => [response.status, response.body.code];
    const body = { name: '第三批', moveDate: '2027-01-10', reason: '调整', householdIds: [h.a3] };
    expect(code(await createBatch(body))).toEqual([409, 'PLAN_BATCH_MEMBER_TAKEN']);
    expect(code(await createBatch({ ...body, name: '大兴寨村第二批', householdIds: [h.a2] }))).toEqual([
      409,
      'PLAN_BATCH_NAME_TAKEN',
    ]);
    expect(
      code(await createBatch({ ...body, householdIds: [h.a2, '6f1c2b1e-0000-4000-8000-000000000000'] })),
    ).toEqual([400, 'VALIDATION_FAILED']);
    expect(code(await createBatch({ ...body, householdIds: [] }))).toEqual([400, 'VALIDATION_FAILED']);
    expect(code(await createBatch({ ...body, householdIds: [h.a2], moveDate: '2026-11-01' }))).toEqual([
      422,
      'MOVE_DATE_PAST',
    ]);
    expect((await createBatch({ ...body, householdIds: [h.a2] }, w.supervisor)).status).toBe(403);
    expect(
      code(
        await t.http
          .put('/api/v1/planning/batches/6f1c2b1e-0000-4000-8000-000000000000/move-date')
          .set(auth(w.commander))
          .send({ date: '2027-01-10', reason: '调整' }),
      ),
    ).toEqual([404, 'PLAN_BATCH_NOT_FOUND']);
    expect(ok(await batches(), 200)).toHaveLength(1);
    expect(await lightOf(h.a2)).toEqual({ light: 'red', reasons: ['cannot_make_move_date', 'behind_plan'] });
  });

  it('keeps the plan in the light on every change and in the daily review', async () => {
    // a1 gets paid: moving out is planned for 12-15, one step takes 7 days: on plan again.
    at('2026-12-01T12:00:00+08:00');
    await advance(h.a1, 'paid');
    expect(await lightOf(h.a1)).toEqual({ light: 'green', reasons: [] });
    // A visit recomputes a2's light with its plan (the pace as last measured).
    await visit(h.a2, '2026-12-01T13:00:00+08:00');
    expect(await lightOf(h.a2)).toEqual({ light: 'red', reasons: ['cannot_make_move_date', 'behind_plan'] });

    // The review measures the pace again (7 net steps now, a1's included) and recomputes every light.
    at('2026-12-01T18:00:00+08:00');
    ok(await t.http.post('/api/v1/cycle/2026-12-01/run').set(auth(w.commander)), 202);
    let review: { body: string } | undefined;
    for (let i = 0; i < 200 && !review; i++) {
      [review] = await t.dataSource.query(`SELECT body FROM daily_review WHERE date = '2026-12-01'`);
      if (!review) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const body = JSON.parse(review!.body);
    expect(body.reasons).toMatchObject({ behind_plan: 2, cannot_make_move_date: 2 });
    expect(ok(await plan(h.a2), 200)).toMatchObject({
      pace: { measuredOn: '2026-12-01', steps: 7, openHouseholds: 3 },
      daysNeeded: 42,
      cannotMakeMoveDate: true,
    });

    // Time alone turns lights: on 12-16 the move date has passed and a1 has not moved out.
    at('2026-12-16T18:00:00+08:00');
    ok(await t.http.post('/api/v1/cycle/2026-12-16/run').set(auth(w.commander)), 202);
    let after: { light: string; reasons: string[] } | undefined;
    for (let i = 0; i < 200; i++) {
      after = await lightOf(h.a1);
      if (after.light === 'red') break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(after!.light).toBe('red');
    expect(after!.reasons).toEqual(expect.arrayContaining(['cannot_make_move_date', 'behind_plan']));
  });

  it('takes households out of a batch all or none, audited, and they follow their village again', async () => {
    at('2026-12-16T19:00:00+08:00');
    const [batch] = ok(await t.http.get('/api/v1/planning/batches').set(auth(w.commander)), 200) as any[];
    const remove = (householdIds: string[], token = w.commander, id = batch.id, reason = '随村整体搬迁') =>
      t.http.post(`/api/v1/planning/batches/${id}/removals`).set(auth(token)).send({ householdIds, reason });
    const code = (response: { status: number; body: any }) => [response.status, response.body.code];
    expect(ok(await plan(h.a3), 200)).toMatchObject({ moveDate: '2026-12-20', batch: { id: batch.id } });

    // One household of the list is not in the batch: nothing is taken out, and the answer names it.
    const refused = await remove([h.a3, h.a2]);
    expect(code(refused)).toEqual([422, 'PLAN_BATCH_NOT_MEMBER']);
    expect(refused.body.details).toEqual([{ field: 'householdIds', message: `${h.a2} 不在该批次中` }]);
    expect(ok(await plan(h.a3), 200).batch).toMatchObject({ id: batch.id });
    expect(code(await remove([h.a3], w.commander, '6f1c2b1e-0000-4000-8000-000000000000'))).toEqual([
      404,
      'PLAN_BATCH_NOT_FOUND',
    ]);
    expect(code(await remove([]))).toEqual([400, 'VALIDATION_FAILED']);
    expect(code(await remove([h.a3], w.commander, batch.id, '调'))).toEqual([400, 'VALIDATION_FAILED']);
    expect((await remove([h.a3], w.supervisor)).status).toBe(403);

    const removed = ok(await remove([h.a3]), 200);
    expect(removed).toMatchObject({ id: batch.id, households: 0, version: batch.version + 1, replanned: 9 });
    expect(ok(await plan(h.a3), 200)).toMatchObject({
      moveDate: '2026-12-15',
      villageMoveDate: '2026-12-15',
      batch: null,
    });
    const timeline = ok(await t.http.get(`/api/v1/households/${h.a3}/timeline`).set(auth(w.commander)), 200);
    expect(timeline.items[0]).toMatchObject({ action: 'move_date_set' });
    expect(code(await remove([h.a3]))).toEqual([422, 'PLAN_BATCH_NOT_MEMBER']); // already out

    // By 户编号, as a ledger lists them: a batch made and emptied by codes; an unknown code is named.
    const a3Code = ok(await household(h.a3), 200).code as string;
    const byCodes = (path: string, body: Record<string, unknown>) =>
      t.http.post(`/api/v1/planning/batches${path}`).set(auth(w.commander)).send(body);
    const third = { name: '第三批', moveDate: '2027-02-01', reason: '按台账成批' };
    const unknown = await byCodes('', { ...third, householdCodes: [a3Code, 'NO-SUCH-CODE'] });
    expect(code(unknown)).toEqual([400, 'VALIDATION_FAILED']);
    expect(unknown.body.details).toEqual([
      { field: 'householdCodes', message: '户编号 NO-SUCH-CODE 不存在' },
    ]);
    expect(code(await byCodes('', { ...third, householdCodes: [a3Code], householdIds: [h.a3] }))).toEqual([
      400,
      'VALIDATION_FAILED',
    ]);
    const made = ok(await byCodes('', { ...third, householdCodes: [` ${a3Code} `] }), 201);
    expect(made).toMatchObject({ name: '第三批', households: 1 });
    expect(ok(await plan(h.a3), 200)).toMatchObject({ moveDate: '2027-02-01', batch: { id: made.id } });
    expect(
      ok(await byCodes(`/${made.id}/removals`, { householdCodes: [a3Code], reason: '取消批次' }), 200),
    ).toMatchObject({
      households: 0,
    });
    expect(ok(await plan(h.a3), 200).batch).toBeNull();

    // Deleting a batch: one with households is refused and keeps them; an emptied one goes, audited, and its
    // name can be used again.
    const second = ok(await byCodes('', { ...third, name: '第四批', householdCodes: [a3Code] }), 201);
    const drop = (id: string, token = w.commander) =>
      t.http.delete(`/api/v1/planning/batches/${id}`).set(auth(token));
    const full = await drop(second.id);
    expect(code(full)).toEqual([409, 'PLAN_BATCH_NOT_EMPTY']);
    expect(full.body.message).toContain('还有 1 户');
    expect(ok(await plan(h.a3), 200).batch).toMatchObject({ id: second.id });
    expect((await drop(made.id, w.supervisor)).status).toBe(403);
    expect((await drop(made.id)).status).toBe(204);
    expect(code(await drop(made.id))).toEqual([404, 'PLAN_BATCH_NOT_FOUND']);
    const names = (ok(await t.http.get('/api/v1/planning/batches').set(auth(w.commander)), 200) as any[]).map(
      (b) => b.name,
    );
    expect(names).not.toContain('第三批');
    expect(names).toContain('第四批');
    const audit = ok(
      await t.http.get(`/api/v1/audit?entityType=plan_batch&entityId=${made.id}`).set(auth(w.admin)),
      200,
    );
    expect(audit.items[0]).toMatchObject({
      action: 'delete',
      changes: { name: { from: '第三批', to: null }, moveDate: { from: '2027-02-01', to: null } },
    });
    ok(await byCodes(`/${second.id}/removals`, { householdCodes: [a3Code], reason: '取消批次' }), 200);
    expect((await drop(second.id)).status).toBe(204);
    ok(await byCodes('', { ...third, householdCodes: [a3Code] }), 201); // the name is free again
  });
});
