import { auth, Factory, World } from '../support/factories';
import { Activity, ok } from '../support/activity';
import { createTestApp, TestApp } from '../support/test-app';
import { ReportRecomputeService } from '../../src/modules/daily-cycle/reports/report-recompute.service';

/**
 * Any past date (docs/architecture.md, "History"): one household moved through stages, intents, a reassignment,
 * a move to another village, a hold and problems over several days, read back as it was at the end of each day.
 */
describe('households as they were (?asOf=)', () => {
  let t: TestApp;
  let f: Factory;
  let w: World;
  let id: string;
  let other: string;
  let activity: Activity;

  const at = (iso: string) => t.clock.set(iso);
  const asOf = (date: string, token = w.commander, householdId = id) =>
    t.http.get(`/api/v1/households/${householdId}?asOf=${date}`).set(auth(token));
  const version = (householdId: string) => activity.version(householdId);
  const advance = (householdId: string, to: string, approvers: string[] = []) =>
    activity.advance(householdId, to, approvers);
  const problem = (householdId: string, severity: string) => activity.problem(householdId, severity);
  const problemAct = (
    problemId: string,
    action: string,
    body: Record<string, unknown>,
    token = w.commander,
  ) => activity.problemAct(problemId, action, body, token);

  beforeAll(async () => {
    t = await createTestApp();
    f = new Factory(t);
    w = await f.world();
    activity = new Activity(t, w);
    // Day 1 (11-02): registered in 村 A with cadre 1.
    at('2026-11-02T02:00:00Z');
    id = (await f.household(w, { villageId: w.villageId, taskForceId: w.taskForceId, cadreId: w.cadre.id }))
      .id as string;
    other = (await f.household(w, { villageId: w.villageId, cadreId: w.cadre.id })).id as string;
    // Day 2 (11-03): surveyed, an intent, a visit, an urgent problem opened.
    at('2026-11-03T02:00:00Z');
    await advance(id, 'surveyed');
    ok(
      await t.http
        .post(`/api/v1/households/${id}/intent`)
        .set(auth(w.commander))
        .send({ option: 'scattered' }),
      201,
    );
    ok(
      await t.http
        .post(`/api/v1/households/${id}/visits`)
        .set(auth(w.commander))
        .send({ visitedAt: '2026-11-03T01:30:00Z', method: 'in_person', summary: '入户走访' }),
      201,
    );
    const p1 = await problem(id, 'p1');
    // Day 3 (11-04): reassigned to cadre 2, the problem assigned with a deadline, put on hold.
    at('2026-11-04T02:00:00Z');
    ok(
      await t.http
        .post('/api/v1/households/assignments')
        .set(auth(w.commander))
        .send({ householdIds: [id], cadreId: w.otherCadre.id }),
      200,
    );
    await problemAct(p1, 'assign', { unitId: w.unitId, dueAt: '2026-11-06T02:00:00Z' });
    ok(
      await t.http
        .post(`/api/v1/households/${id}/hold`)
        .set(auth(w.commander))
        .send({ reason: 'dispute', note: '宅基地边界纠纷' }),
      200,
    );
    // Day 5 (11-06): released, the problem resolved and closed, indicators confirmed, the intent changed.
    at('2026-11-06T01:00:00Z');
    ok(
      await t.http.post(`/api/v1/households/${id}/release`).set(auth(w.commander)).send({ note: '已化解' }),
      200,
    );
    await problemAct(p1, 'resolve', { resolution: '已按政策答复' }, w.handler.token);
    await problemAct(p1, 'feedback', { satisfied: true });
    await advance(id, 'indicators_confirmed', [w.official.token]);
    ok(
      await t.http
        .post(`/api/v1/households/${id}/intent`)
        .set(auth(w.commander))
        .send({ option: 'central_gov_built' }),
      201,
    );
    // Day 7 (11-08): moved to 村 B by the command centre, flagged, rolled back to surveyed.
    at('2026-11-08T02:00:00Z');
    ok(
      await t.http
        .patch(`/api/v1/households/${id}`)
        .set(auth(w.commander))
        .send({ version: await version(id), villageId: w.otherVillageId, flags: ['low_income'] }),
      200,
    );
    ok(
      await t.http
        .post(`/api/v1/households/${id}/rollback`)
        .set(auth(w.commander))
        .send({ reason: '户主对面积有异议，重新调查', version: await version(id) }),
      200,
    );
    at('2026-11-20T02:00:00Z');
  });

  afterAll(async () => {
    await t?.close();
  });

  it('answers each day with the stage, intent, cadre, village, hold, light and problems of that day', async () => {
    const days = Object.fromEntries(
      await Promise.all(
        ['2026-11-02', '2026-11-03', '2026-11-04', '2026-11-05', '2026-11-06', '2026-11-08'].map(
          async (date) => [date, ok(await asOf(date), 200)] as const,
        ),
      ),
    );
    const pick = (h: any) => ({
      asOf: h.asOf,
      stage: h.stage,
      intent: h.intent.option,
      cadre: h.cadre?.id ?? null,
      villageId: h.villageId,
      onHold: h.onHold,
      flags: h.flags,
      openProblems: h.openProblems,
      light: h.light,
      lastVisitAt: h.lastVisitAt,
    });
    const base = { cadre: w.cadre.id, villageId: w.villageId, onHold: false, flags: [] };
    expect(pick(days['2026-11-02'])).toEqual({
      ...base,
      asOf: '2026-11-02',
      stage: 'registered',
      intent: 'undecided',
      openProblems: 0,
      light: 'green',
      lastVisitAt: null,
    });
    expect(pick(days['2026-11-03'])).toEqual({
      ...base,
      asOf: '2026-11-03',
      stage: 'surveyed',
      intent: 'scattered',
      openProblems: 1,
      light: 'red', // an urgent (P1) problem still open
      lastVisitAt: '2026-11-03T01:30:00.000Z',
    });
    expect(days['2026-11-03'].lightReasons).toEqual(['problem_p1']);
    expect(pick(days['2026-11-04'])).toMatchObject({
      cadre: w.otherCadre.id,
      onHold: true,
      stage: 'surveyed',
    });
    expect(days['2026-11-04'].holdReason).toBe('dispute');
    expect(days['2026-11-04'].lightReasons).toEqual(['problem_p1', 'on_hold']);
    // 11-05 ended before the deadline of 11-06 10:00: not overdue yet.
    expect(days['2026-11-05'].lightReasons).toEqual(['problem_p1', 'on_hold']);
    expect(pick(days['2026-11-06'])).toMatchObject({
      stage: 'indicators_confirmed',
      intent: 'central_gov_built',
      onHold: false,
      openProblems: 0,
      light: 'green',
      cadre: w.otherCadre.id,
      villageId: w.villageId,
    });
    expect(pick(days['2026-11-08'])).toMatchObject({
      stage: 'surveyed',
      villageId: w.otherVillageId,
      flags: ['low_income'],
    });
    // Today's record is unchanged by the reads, and carries no asOf.
    const today = ok(await t.http.get(`/api/v1/households/${id}`).set(auth(w.commander)), 200);
    expect(today.asOf).toBeUndefined();
    expect(today).toMatchObject({ stage: 'surveyed', villageId: w.otherVillageId });
    expect(today.cadre.id).toBe(w.otherCadre.id);
  });

  it('lists with the same filters on what households were that day', async () => {
    const list = async (query: string) =>
      ok(await t.http.get(`/api/v1/households?${query}`).set(auth(w.commander)), 200);
    const ids = (body: any) => body.items.map((h: any) => h.id).sort();
    expect(ids(await list(`asOf=2026-11-03&cadreId=${w.cadre.id}`))).toEqual([id, other].sort());
    expect(ids(await list(`asOf=2026-11-05&cadreId=${w.cadre.id}`))).toEqual([other]);
    expect(ids(await list(`cadreId=${w.otherCadre.id}`))).toContain(id);
    expect(ids(await list('asOf=2026-11-03&stage=surveyed'))).toEqual([id]);
    expect(ids(await list('asOf=2026-11-04&onHold=true'))).toEqual([id]);
    expect(ids(await list('asOf=2026-11-07&onHold=true'))).toEqual([]);
    expect(ids(await list('asOf=2026-11-04&light=red'))).toEqual([id]);
    expect(ids(await list(`asOf=2026-11-07&villageId=${w.otherVillageId}`))).toEqual([]);
    expect(ids(await list(`asOf=2026-11-08&villageId=${w.otherVillageId}`))).toEqual([id]);
    const page = await list('asOf=2026-11-03&pageSize=1&sort=code');
    expect(page.total).toBe(2);
    expect(page.items).toHaveLength(1);
    expect(page.items[0].asOf).toBe('2026-11-03');
    expect((await list('asOf=2026-11-01')).total).toBe(0);
  });

  it('refuses a date that is not one or is still to come, and keeps the scope of today', async () => {
    expect((await asOf('2026-13-01')).body).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect((await asOf('2026-13-01')).status).toBe(400);
    const future = await asOf('2026-11-21');
    expect(future.status).toBe(422);
    expect(future.body.code).toBe('DATE_IN_FUTURE');
    const before = await asOf('2026-11-01');
    expect(before.status).toBe(404);
    expect(before.body.message).toContain('尚未登记');
    // Cadre 1 had it on 11-03 but no longer does: who may see it is decided today.
    expect((await asOf('2026-11-03', w.cadre.token)).status).toBe(404);
    expect((await asOf('2026-11-03', w.otherCadre.token)).status).toBe(200);
  });

  describe('recompute and compare the daily report', () => {
    const report = (date: string, query = '', token = w.commander) =>
      t.http.get(`/api/v1/reports/daily/${date}${query}`).set(auth(token));

    beforeAll(async () => {
      // The 11-06 report is made on 11-20, after every event above: stages are counted as of the run.
      ok(await t.http.post('/api/v1/cycle/2026-11-06/run').set(auth(w.commander)), 202);
      for (let i = 0; i < 200 && (await report('2026-11-06')).status !== 200; i++)
        await new Promise((resolve) => setTimeout(resolve, 50));
    });

    it('recomputes a stored day from the events, figure for figure', async () => {
      const stored = ok(await report('2026-11-06'), 200);
      const recomputed = ok(await report('2026-11-06', '?recompute=true'), 200);
      expect(recomputed.recompute).toEqual({ at: stored.generatedAt, compared: true, differences: [] });
      const figures = ({ totals, stages, byVillage, byTownship, byTaskForce, byCadre }: any) => ({
        totals,
        stages,
        byVillage,
        byTownship,
        byTaskForce,
        byCadre,
      });
      expect(figures(recomputed)).toEqual(figures(stored));
      // Something happened that day: the figures are not all zeros.
      expect(stored.totals).toMatchObject({
        stageMoves: 1,
        intentChanges: 1,
        problemsClosed: 1,
        households: 2,
      });
      // A day without a stored report is recomputed at its end, compared with nothing.
      const unstored = ok(await report('2026-11-03', '?recompute=true'), 200);
      expect(unstored.recompute).toMatchObject({ compared: false, differences: [] });
      expect(unstored.totals).toMatchObject({
        visits: 1,
        intentChanges: 1,
        problemsOpened: 1,
        stageMoves: 1,
      });
      expect(unstored.stages.find((row: any) => row.stage === 'surveyed').count).toBe(1);
    });

    it('is refused to those who do not see every household, and for bad dates', async () => {
      expect((await report('2026-11-06', '?recompute=true', w.official.token)).status).toBe(403);
      expect((await report('2026-11-06', '?recompute=maybe')).status).toBe(400);
      expect((await report('2026-11-31', '?recompute=true')).status).toBe(400);
      expect((await report('2026-11-21', '?recompute=true')).status).toBe(422);
    });

    it('the nightly check records no difference, then catches an event changed behind its back', async () => {
      const checker = t.app.get(ReportRecomputeService);
      expect(await checker.check('2026-11-06')).toMatchObject({ date: '2026-11-06', differences: 0 });
      // Tamper: the 11-06 intent record is rewritten to another day, as a hand-edited database would.
      await t.dataSource.query(
        `UPDATE intent_record SET business_date = '2026-11-05' WHERE household_id = '${id}' AND business_date = '2026-11-06'`,
      );
      const check = await checker.check('2026-11-06');
      expect(check!.differences).toBeGreaterThan(0);
      expect(check!.detail).toContainEqual({ path: 'totals.intentChanges', stored: 1, recomputed: 0 });
      const rows = await t.dataSource.query(
        `SELECT differences FROM report_check WHERE date = '2026-11-06' ORDER BY id`,
      );
      expect(rows.map((r: any) => Number(r.differences))).toEqual([0, check!.differences]);
      // The console's alert reads the latest checks: newest first, the difference named.
      const checks = ok(await t.http.get('/api/v1/reports/checks').set(auth(w.commander)), 200);
      expect(checks.items.map((c: any) => c.differences)).toEqual([check!.differences, 0]);
      expect(checks.items[0].detail).toContainEqual({
        path: 'totals.intentChanges',
        stored: 1,
        recomputed: 0,
      });
      await t.http.get('/api/v1/reports/checks').set(auth(w.official.token)).expect(403);
    });
  });
});
