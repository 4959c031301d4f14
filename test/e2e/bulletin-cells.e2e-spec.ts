import { sharePercent } from '../../src/modules/bulletins/bulletin-metrics';
import { Activity, ok } from '../support/activity';
import { auth, Factory, World } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';

const WEEK = '2026-11-23';

/** The rankings and the kind of group each ranks (the endpoint's groupKind). */
const RANKINGS: [string, string][] = [
  ['taskForces', 'taskForce'],
  ['townships', 'township'],
  ['villages', 'village'],
  ['units', 'unit'],
  ['cadres', 'cadre'],
];

/**
 * One number of the bulletin and what its list must be: `figure` (a count: total equal), `signedPercent` of
 * `households` (签约率: the total is its numerator), or `progressed` (no figure: at most the row's households,
 * and some when the row gained).
 */
type CellCheck = { cell: Record<string, string> } & (
  | { figure: number }
  | { signedPercent: number | null; households: number }
  | { progressedOf: number; gain: number | null }
);

/** Every number of the stored bulletin that opens a list: the totals and every row of the five rankings. */
function everyCell(bulletin: any): CellCheck[] {
  const t = bulletin.totals;
  const checks: CellCheck[] = [
    ...['households', 'closed', 'closedOnTime', 'overdueProblems', 'overdueVisits', 'supervised'].map(
      (metric) => ({ cell: { metric }, figure: t[metric] as number }),
    ),
    { cell: { metric: 'signed' }, signedPercent: t.signedPercent, households: t.households },
    { cell: { metric: 'progressed' }, progressedOf: t.households, gain: t.gain },
  ];
  for (const [ranking, groupKind] of RANKINGS)
    for (const row of bulletin.rankings[ranking].rows) {
      const cell = (metric: string) => ({ metric, groupKind, groupId: row.id as string });
      for (const metric of ['closed', 'closedOnTime', 'overdue'])
        checks.push({ cell: cell(metric), figure: row[metric] });
      if (groupKind === 'unit') continue;
      checks.push({ cell: cell('households'), figure: row.households });
      checks.push({ cell: cell('signed'), signedPercent: row.signedPercent, households: row.households });
      checks.push({ cell: cell('progressed'), progressedOf: row.households, gain: row.gain });
    }
  return checks;
}

/**
 * Drill-down of the weekly bulletin (issue #15): every number of a stored 周通报 opens into the households or
 * problems behind it, computed with the bulletin's own SQL at week end, and the list's total is the number.
 *
 * The week Mon 2026-11-23 … Sun 11-29 (Asia/Shanghai; times below are UTC, Shanghai is UTC+8), on a history that
 * tells the definitions apart: a household handed to another cadre during the week and one after it, a household
 * moved to another village after the week (its problems follow it at once, the household counts where it was),
 * signings before, during and after the week, a rollback, problems closed on time and late, one reopened, one of
 * no household, visits before, during and after the week.
 *
 *   h1 V1 TF1 A   surveyed → indicators_confirmed in the week; visited in it      P1 closed late, P8 reopened
 *   h2 V1 TF1 A→C surveyed in the week; handed to C in the week; visited before   P2 supervised, closed on time
 *   h3 V3 TF2 B   signed before the week; visited in it                           P4 overdue, supervised Sunday
 *   h4 V2 TF2 B   signed in the week; visited in it; moved to V1 after the week   P3 overdue (closed after)
 *   h5 V2 TF1 C→A signed after the week, handed to A after it; visited after it  P6 closed on time
 *   h6 V1 — —     surveyed before the week, rolled back in it; never visited      P7 resolved, not closed
 *   h7 V2 TF2 B   registered in the week
 *   P5: reported by the township (T1) official, of no household, never assigned: overdue.
 */
describe('the list behind every number of a weekly bulletin (GET /bulletins/weekly/:weekStart/cells)', () => {
  let t: TestApp;
  let w: World;
  let a: Activity;
  const ids: Record<string, string> = {};
  let cadreC: { id: string; token: string };
  let handler2: { id: string; token: string };
  let bulletin: any;

  const at = (iso: string) => t.clock.set(iso);
  const cells = (cell: Record<string, string | number>, token = w.commander, weekStart = WEEK) =>
    t.http.get(`/api/v1/bulletins/weekly/${weekStart}/cells`).query(cell).set(auth(token));
  const list = async (cell: Record<string, string>) =>
    ok(await cells({ ...cell, pageSize: 200 }), 200).items.map((item: any) => item.id) as string[];
  const sorted = (...keys: string[]) => keys.map((key) => ids[key]).sort();
  /** Signs a household up to intent_approved (the township's official and the commander approve). */
  const upToIntentApproved = async (householdId: string, official: string) => {
    await a.advance(householdId, 'surveyed');
    await a.advance(householdId, 'indicators_confirmed', [official]);
    await a.intent(householdId, 'cash');
    await a.advance(householdId, 'intent_collected');
    await a.advance(householdId, 'intent_approved', [official, w.commander]);
  };
  const assign = (problemId: string, unitId: string) => a.problemAct(problemId, 'assign', { unitId });
  const resolve = (problemId: string, token: string) =>
    a.problemAct(problemId, 'resolve', { resolution: '已按政策答复' }, token);
  const feedback = (problemId: string, satisfied: boolean) =>
    a.problemAct(problemId, 'feedback', { satisfied });
  const handTo = async (householdId: string, cadreId: string) =>
    ok(
      await t.http
        .post('/api/v1/households/assignments')
        .set(auth(w.commander))
        .send({ householdIds: [householdId], cadreId }),
      200,
    );

  /** The cells whose list does not agree with the bulletin's number (empty when all agree). */
  const mismatches = async (checks: CellCheck[], token = w.commander) => {
    const wrong: unknown[] = [];
    for (const check of checks) {
      const body = ok(await cells({ ...check.cell, pageSize: 200 }, token), 200);
      const total = body.total as number;
      const agrees =
        body.items.length === Math.min(total, 200) &&
        ('figure' in check
          ? total === check.figure
          : 'signedPercent' in check
            ? sharePercent(total, check.households) === check.signedPercent
            : total <= check.progressedOf && (check.gain === null || check.gain <= 0 || total > 0));
      if (!agrees) wrong.push({ ...check, total, items: body.items.length });
    }
    return wrong;
  };

  beforeAll(async () => {
    t = await createTestApp({ JOB_SCHEDULES: 'false' });
    const f = new Factory(t);
    w = await f.world();
    a = new Activity(t, w);
    ids.V1 = w.villageId;
    ids.V2 = w.otherVillageId;
    ids.V3 = await f.orgUnit(w.admin, {
      name: `德茹村${process.pid}`,
      kind: 'village',
      parentId: w.townshipId,
    });
    ids.T1 = w.townshipId;
    ids.T2 = w.otherTownshipId;
    ids.TF1 = w.taskForceId;
    ids.TF2 = await f.orgUnit(w.admin, {
      name: `第二专班${process.pid}`,
      kind: 'task_force',
      parentId: w.centreId,
    });
    ids.U1 = w.unitId;
    ids.U2 = await f.orgUnit(w.admin, { name: `水利局${process.pid}`, kind: 'unit', parentId: w.centreId });
    cadreC = await f.user(w.admin, 'cadre', ids.TF1);
    handler2 = await f.user(w.admin, 'handler', ids.U2);
    ids.A = w.cadre.id;
    ids.B = w.otherCadre.id;
    ids.C = cadreC.id;
    const household = async (key: string, villageId: string, taskForceId?: string, cadreId?: string) => {
      ids[key] = (await f.household(w, { villageId, taskForceId, cadreId })).id as string;
    };

    at('2026-11-02T02:00:00Z');
    await household('h1', ids.V1, ids.TF1, ids.A);
    await household('h2', ids.V1, ids.TF1, ids.A);
    await household('h3', ids.V3, ids.TF2, ids.B);
    await household('h4', ids.V2, ids.TF2, ids.B);
    await household('h5', ids.V2, ids.TF1, ids.C);
    await household('h6', ids.V1);

    // P4 (h3 → U2) and P5 (the T1 official's, no household): p3, due 11-10, never worked on.
    at('2026-11-03T02:00:00Z');
    ids.P4 = await a.problem(ids.h3, 'p3');
    await assign(ids.P4, ids.U2);
    ids.P5 = ok(
      await t.http
        .post('/api/v1/problems')
        .set(auth(w.official.token))
        .send({ category: 'site_infrastructure', severity: 'p3', description: '安置点道路积水' }),
      201,
    ).id;

    // Before the week (Fri 11-20).
    at('2026-11-20T02:00:00Z');
    await a.advance(ids.h1, 'surveyed');
    await a.advance(ids.h6, 'surveyed');
    await upToIntentApproved(ids.h3, w.official.token);
    await a.advance(ids.h3, 'agreement_signed', [w.commander]);
    await upToIntentApproved(ids.h4, w.otherOfficial.token);
    await upToIntentApproved(ids.h5, w.otherOfficial.token);
    // P1 (h1 → U1): p2, due 11-23 03:00; resolved 11-22, closed in the week: late. P7 (h6 → U2): p3.
    at('2026-11-20T03:00:00Z');
    ids.P1 = await a.problem(ids.h1, 'p2');
    await assign(ids.P1, ids.U1);
    ids.P7 = await a.problem(ids.h6, 'p3');
    await assign(ids.P7, ids.U2);
    at('2026-11-21T02:00:00Z');
    await a.visit(ids.h2, '2026-11-21T02:00:00Z');
    at('2026-11-22T02:00:00Z');
    await resolve(ids.P1, w.handler.token);

    // The week.
    at('2026-11-24T02:00:00Z');
    await feedback(ids.P1, true);
    await a.visit(ids.h1, '2026-11-24T02:00:00Z');
    ids.h7 = (await f.household(w, { villageId: ids.V2, taskForceId: ids.TF2, cadreId: ids.B })).id as string;
    // P2 (h2 → U1): p3, due 12-01, supervised, then closed on 11-25: on time and off the supervised list.
    ids.P2 = await a.problem(ids.h2, 'p3');
    await assign(ids.P2, ids.U1);
    ok(await t.http.post(`/api/v1/problems/${ids.P2}/supervise`).set(auth(w.supervisor)).send({}), 200);
    // P3 (h4 → U2) and P8 (h1 → U1): p1, due 11-25 02:00. P6 (h5 → U1): p2, due 11-27 02:00.
    ids.P3 = await a.problem(ids.h4, 'p1');
    await assign(ids.P3, ids.U2);
    ids.P8 = await a.problem(ids.h1, 'p1');
    await assign(ids.P8, ids.U1);
    ids.P6 = await a.problem(ids.h5, 'p2');
    await assign(ids.P6, ids.U1);

    at('2026-11-25T02:00:00Z');
    await a.advance(ids.h1, 'indicators_confirmed', [w.official.token]);
    await a.advance(ids.h2, 'surveyed');
    await a.advance(ids.h4, 'agreement_signed', [w.commander]);
    await a.visit(ids.h4, '2026-11-25T02:00:00Z');
    await resolve(ids.P2, w.handler.token);
    await feedback(ids.P2, true);
    // h2 is C's from Wednesday: its week counts for C, with P2.
    await handTo(ids.h2, ids.C);

    at('2026-11-26T02:00:00Z');
    await a.rollback(ids.h6);
    await a.visit(ids.h3, '2026-11-26T02:00:00Z');
    await resolve(ids.P6, w.handler.token);
    await feedback(ids.P6, true);
    await resolve(ids.P7, handler2.token);
    await resolve(ids.P8, w.handler.token);
    // The resident is not satisfied: P8 is reopened, active and past due at week end.
    at('2026-11-27T02:00:00Z');
    await feedback(ids.P8, false);
    // Sunday 23:59 Shanghai: P4 is put under supervision in the week's last minute.
    at('2026-11-29T15:59:00Z');
    ok(await t.http.post(`/api/v1/problems/${ids.P4}/supervise`).set(auth(w.supervisor)).send({}), 200);

    // After the week (Mon 11-30 08:xx Shanghai), before the bulletin is made: none of it may change its lists.
    at('2026-11-30T00:10:00Z');
    ok(await t.http.post(`/api/v1/problems/${ids.P3}/supervise`).set(auth(w.supervisor)).send({}), 200);
    await resolve(ids.P3, handler2.token);
    await feedback(ids.P3, true);
    await a.advance(ids.h5, 'agreement_signed', [w.commander]);
    await handTo(ids.h5, ids.A);
    await a.visit(ids.h5, '2026-11-30T00:10:00Z');
    // h4 moves to V1: it counts in V2 (where it was), its problem P3 follows it to V1 (a problem's own village).
    at('2026-11-30T00:20:00Z');
    ok(
      await t.http
        .patch(`/api/v1/households/${ids.h4}`)
        .set(auth(w.commander))
        .send({ version: await a.version(ids.h4), villageId: ids.V1 }),
      200,
    );

    at('2026-11-30T02:00:00Z');
    bulletin = ok(
      await t.http.post(`/api/v1/bulletins/weekly/${WEEK}/run`).set(auth(w.commander)),
      200,
    ).bulletin;
  });

  afterAll(async () => {
    await t?.close();
  });

  it('had something behind every kind of number (the walk below is not over zeros)', () => {
    // Signed at week end: h3, h4 of 7. Closed: P1 (late), P2, P6. Overdue: P3, P4, P5, P8. Visits: h2, h5, h6.
    expect(bulletin.totals).toMatchObject({
      households: 7,
      signedPercent: 28.6,
      closed: 3,
      closedOnTime: 2,
      overdueProblems: 4,
      overdueVisits: 3,
      supervised: 1,
    });
    expect(bulletin.totals.gain).toBeGreaterThan(0);
    const rows = (ranking: string) => bulletin.rankings[ranking].rows.map((row: any) => row.id).sort();
    expect(rows('villages')).toEqual(sorted('V1', 'V2', 'V3'));
    expect(rows('cadres')).toEqual(sorted('A', 'B', 'C'));
    expect(rows('units')).toEqual(sorted('U1', 'U2'));
  });

  it('walks every number of every ranking row and of the totals: each list has as many items as the number', async () => {
    const checks = everyCell(bulletin);
    // Totals 8; task forces 2 and townships 2 × 6, villages 3 and cadres 3 × 6; units 2 × 3.
    expect(checks).toHaveLength(8 + 4 * 6 + 6 * 6 + 2 * 3);
    expect(await mismatches(checks)).toEqual([]);
    // Supervisors read the whole bulletin, so they get every list whole too.
    expect(await mismatches(checks, w.supervisor)).toEqual([]);
  });

  it('lists the households and problems the definitions name, as they were at week end', async () => {
    // Signed at week end: h3 (before), h4 (in the week); not h5, signed on Monday after.
    expect((await list({ metric: 'signed' })).sort()).toEqual(sorted('h3', 'h4'));
    // The gain is made of h1, h2 and h4 (h6 was rolled back, h5 moved only after the week).
    expect((await list({ metric: 'progressed' })).sort()).toEqual(sorted('h1', 'h2', 'h4'));
    // Cadre C had h2 (handed over in the week) and h5 (handed to A only after it), both overdue for a visit.
    const c = ok(await cells({ metric: 'households', groupKind: 'cadre', groupId: ids.C }), 200);
    expect(c.items.map((item: any) => item.id).sort()).toEqual(sorted('h2', 'h5'));
    expect(c).toMatchObject({ itemKind: 'household', weekStart: WEEK, groupKind: 'cadre', groupId: ids.C });
    expect(c.weekEnd).toBe('2026-11-29T16:00:00.000Z');
    expect(c.generatedAt).toBe(bulletin.generatedAt);
    const h5 = c.items.find((item: any) => item.id === ids.h5);
    expect(h5).toMatchObject({ stage: 'intent_approved', cadre: { id: ids.C }, asOf: '2026-11-29' });
    expect(h5.headIdNumber).toContain('*');
    const overdueC = await list({ metric: 'overdue', groupKind: 'cadre', groupId: ids.C });
    expect(overdueC.sort()).toEqual(sorted('h2', 'h5'));
    expect((await list({ metric: 'closed', groupKind: 'cadre', groupId: ids.C })).sort()).toEqual(
      sorted('P2', 'P6'),
    );
    // h4 counts in V2, where it was at week end; its problem P3 in V1, where it is now.
    const v2 = ok(await cells({ metric: 'households', groupKind: 'village', groupId: ids.V2 }), 200);
    expect(v2.items.find((item: any) => item.id === ids.h4)).toMatchObject({ villageId: ids.V2 });
    const v1 = ok(
      await cells({ metric: 'overdue', groupKind: 'village', groupId: ids.V1, pageSize: 200 }),
      200,
    );
    expect(v1.itemKind).toBe('problem');
    expect(v1.items.map((item: any) => item.id).sort()).toEqual(sorted('P3', 'P8'));
    expect(v1.items.find((item: any) => item.id === ids.P8)).toMatchObject({
      kind: 'problem',
      status: 'reopened',
      unitId: ids.U1,
      householdId: ids.h1,
      household: { id: ids.h1, stage: 'indicators_confirmed' },
    });
    // P3 was closed after the week: active at its end.
    expect(v1.items.find((item: any) => item.id === ids.P3)).toMatchObject({ status: 'assigned' });
    // The township's own problem, of no household, is an item with none.
    const t1 = ok(
      await cells({ metric: 'overdue', groupKind: 'township', groupId: ids.T1, pageSize: 200 }),
      200,
    );
    expect(t1.items.find((item: any) => item.id === ids.P5)).toMatchObject({
      household: null,
      villageId: null,
    });
    expect((await list({ metric: 'closedOnTime', groupKind: 'unit', groupId: ids.U1 })).sort()).toEqual(
      sorted('P2', 'P6'),
    );
    const late = ok(
      await cells({ metric: 'closed', groupKind: 'unit', groupId: ids.U1, pageSize: 200 }),
      200,
    );
    const p1 = late.items.find((item: any) => item.id === ids.P1);
    expect(p1.closedAt > p1.dueAt).toBe(true);
    expect(await list({ metric: 'supervised' })).toEqual([ids.P4]);
  });

  it('pages through a list in one order, the total on every page', async () => {
    const all = await list({ metric: 'households' });
    expect(all).toHaveLength(7);
    const paged: string[] = [];
    for (let page = 1; page <= 4; page++) {
      const body = ok(await cells({ metric: 'households', page, pageSize: 2 }), 200);
      expect(body).toMatchObject({ total: 7, page, pageSize: 2 });
      paged.push(...body.items.map((item: any) => item.id));
    }
    expect(paged).toEqual(all);
  });

  it('is read by those who read the bulletin: the command centre and supervisors', async () => {
    expect((await cells({ metric: 'households' }, w.admin)).status).toBe(200);
    for (const token of [w.official.token, w.cadre.token, w.handler.token])
      expect((await cells({ metric: 'households' }, token)).status).toBe(403);
    expect((await t.http.get(`/api/v1/bulletins/weekly/${WEEK}/cells?metric=households`)).status).toBe(401);
  });

  it('refuses an unknown number, a bad row or week (400), and a week or row the bulletin does not have (404)', async () => {
    const unknown = await cells({ metric: 'completion' });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({ code: 'UNKNOWN_METRIC', details: [{ field: 'metric' }] });
    expect(unknown.body.message).toContain('指标');
    // A number the bulletin has, but not there: units have no households, rows no supervised list.
    const notThere: Record<string, string>[] = [
      { metric: 'households', groupKind: 'unit', groupId: ids.U1 },
      { metric: 'supervised', groupKind: 'village', groupId: ids.V1 },
      { metric: 'overdue' },
    ];
    for (const cell of notThere) {
      const response = await cells(cell);
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('UNKNOWN_METRIC');
    }
    expect((await cells({})).body).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [{ field: 'metric' }],
    });
    const badKind = await cells({ metric: 'closed', groupKind: 'province', groupId: ids.V1 });
    expect(badKind.status).toBe(400);
    expect(badKind.body).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'groupKind' }] });
    expect(badKind.body.details[0].message).toMatch(/[\u4e00-\u9fff]/);
    const badId = await cells({ metric: 'closed', groupKind: 'village', groupId: 'x' });
    expect(badId.body).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'groupId' }] });
    expect((await cells({ metric: 'closed', groupKind: 'village' })).body).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [{ field: 'groupId' }],
    });
    expect((await cells({ metric: 'closed', groupId: ids.V1 })).status).toBe(400);
    for (const week of ['2026-11-24', '2026-13-01', 'monday']) {
      const bad = await cells({ metric: 'households' }, w.commander, week);
      expect(bad.status).toBe(400);
      expect(bad.body).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'weekStart' }] });
    }
    const none = await cells({ metric: 'households' }, w.commander, '2026-11-16');
    expect(none.status).toBe(404);
    expect(none.body.code).toBe('BULLETIN_NOT_FOUND');
    // A township is no row of the village ranking; a unit with nothing counted is in none.
    for (const cell of [
      { metric: 'closed', groupKind: 'village', groupId: ids.T1 },
      { metric: 'closed', groupKind: 'unit', groupId: ids.TF1 },
    ]) {
      const response = await cells(cell);
      expect(response.status).toBe(404);
      expect(response.body.code).toBe('BULLETIN_ROW_NOT_FOUND');
    }
  });
});
