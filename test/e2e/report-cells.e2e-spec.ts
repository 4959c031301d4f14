import { Activity, ok } from '../support/activity';
import { auth, Factory, World } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';

const FIGURES = [
  'households',
  'visits',
  'householdsVisited',
  'intentChanges',
  'stageMoves',
  'problemsOpened',
  'problemsClosed',
  'problemsOverdue',
];

interface CellCheck {
  cell: Record<string, string>;
  figure: number;
}

/** Every cell of a stored report (or of the part `only` keeps): the query that opens it and its figure. */
function everyCell(report: any, only: { totals: boolean; cadre: (id: string) => boolean }): CellCheck[] {
  const cells: CellCheck[] = [];
  if (only.totals) {
    for (const [metric, figure] of Object.entries(report.totals))
      cells.push({ cell: { metric }, figure: figure as number });
    for (const row of report.stages) {
      cells.push({ cell: { metric: 'households', stage: row.stage }, figure: row.count });
      cells.push({ cell: { metric: 'count', stage: row.stage }, figure: row.count });
      cells.push({ cell: { metric: 'stageMoves', stage: row.stage }, figure: row.today });
      cells.push({ cell: { metric: 'today', stage: row.stage }, figure: row.today });
    }
  }
  const breakdowns: [string, any[]][] = [
    ['villageId', report.byVillage],
    ['townshipId', report.byTownship],
    ['taskForceId', report.byTaskForce],
  ];
  for (const [key, rows] of breakdowns)
    for (const row of rows) {
      const id = row.id ?? 'none';
      for (const metric of FIGURES) cells.push({ cell: { metric, [key]: id }, figure: row[metric] });
      for (const [stage, figure] of Object.entries(row.stages))
        cells.push({ cell: { metric: 'households', stage, [key]: id }, figure: figure as number });
    }
  for (const row of report.byCadre)
    if (only.cadre(row.cadreId))
      for (const metric of ['assigned', 'visitedToday', 'overdueVisits'])
        cells.push({ cell: { metric, cadreId: row.cadreId }, figure: row[metric] });
  return cells;
}

/**
 * Drill-down (issue #15, docs/architecture.md "History"): every figure of a stored daily report opens into the
 * households or records behind it, as they were when the report was made, and the list's total is the figure.
 */
describe('the list behind every figure of a daily report (GET /reports/daily/:date/cells)', () => {
  let t: TestApp;
  let w: World;
  let a: Activity;
  const h: Record<string, string> = {};
  const reports: Record<string, any> = {};

  const at = (iso: string) => t.clock.set(iso);
  const cells = (date: string, cell: Record<string, string | number>, token = w.commander) =>
    t.http.get(`/api/v1/reports/daily/${date}/cells`).query(cell).set(auth(token));
  /** The cells whose list's total or length is not the figure (empty when all agree). */
  const mismatches = async (date: string, checks: CellCheck[], token = w.commander) => {
    const wrong: unknown[] = [];
    for (const { cell, figure } of checks) {
      const body = ok(await cells(date, { ...cell, pageSize: 200 }, token), 200);
      if (body.total !== figure || body.items.length !== Math.min(figure, 200))
        wrong.push({ cell, figure, total: body.total, items: body.items.length });
    }
    return wrong;
  };

  beforeAll(async () => {
    t = await createTestApp();
    const f = new Factory(t);
    w = await f.world();
    a = new Activity(t, w);
    const household = async (name: string, over: Record<string, unknown>) => {
      h[name] = (await f.household(w, over)).id as string;
    };
    // 11-02: four households in 村 A (township of w.official), two in 村 B of the other township.
    at('2026-11-02T02:00:00Z');
    await household('a1', { villageId: w.villageId, taskForceId: w.taskForceId, cadreId: w.cadre.id });
    await household('a2', {
      villageId: w.villageId,
      taskForceId: w.taskForceId,
      cadreId: w.cadre.id,
      flags: ['low_income'],
    });
    await household('a3', { villageId: w.villageId, cadreId: w.otherCadre.id });
    await household('a4', { villageId: w.villageId, taskForceId: w.taskForceId, cadreId: undefined });
    await household('b1', { villageId: w.otherVillageId, cadreId: w.otherCadre.id });
    await household('b2', {
      villageId: w.otherVillageId,
      taskForceId: w.taskForceId,
      cadreId: w.otherCadre.id,
    });
    // 11-03: steps, two visits of one household, intents, problems (one of no household).
    at('2026-11-03T02:00:00Z');
    await a.advance(h.a1, 'surveyed');
    await a.advance(h.a2, 'surveyed');
    await a.advance(h.b1, 'surveyed');
    await a.visit(h.a1, '2026-11-03T01:00:00Z');
    await a.visit(h.a1, '2026-11-03T01:30:00Z');
    await a.visit(h.a3, '2026-11-03T01:40:00Z');
    await a.visit(h.b1, '2026-11-03T01:50:00Z');
    await a.intent(h.a1, 'scattered');
    await a.intent(h.b2, 'cash');
    await a.problem(h.a2, 'p1');
    const b1Problem = await a.problem(h.b1, 'p3');
    await a.problem(null, 'p3');
    // The report of 11-03 is made at 23:59 that day.
    at('2026-11-03T15:59:00Z');
    reports['2026-11-03'] = await a.runReport('2026-11-03');
    // 11-04: an approval left waiting, a hold on a flagged household, a rollback, a problem closed.
    at('2026-11-04T01:00:00Z');
    await a.advance(h.a1, 'indicators_confirmed', [], true);
    await a.hold(h.a2);
    await a.visit(h.a2, '2026-11-04T00:30:00Z');
    await a.rollback(h.b1);
    await a.advance(h.a3, 'surveyed');
    await a.advance(h.b2, 'surveyed');
    await a.intent(h.a3, 'relatives');
    await a.visit(h.a4, '2026-11-04T00:45:00Z');
    await a.problemAct(b1Problem, 'assign', { unitId: w.unitId });
    await a.problemAct(b1Problem, 'resolve', { resolution: '已按政策答复' }, w.handler.token);
    await a.problemAct(b1Problem, 'feedback', { satisfied: true });
    at('2026-11-04T08:00:00Z');
    reports['2026-11-04'] = await a.runReport('2026-11-04');
    // Later that same day, after the report: not in its figures, so not in its lists.
    at('2026-11-04T09:00:00Z');
    await a.visit(h.a1, '2026-11-04T08:30:00Z');
    await a.intent(h.a4, 'cash');
    await a.advance(h.a4, 'surveyed');
    at('2026-11-10T02:00:00Z');
  });

  afterAll(async () => {
    await t?.close();
  });

  it('had something happen on both days (the walk below is not over zeros)', () => {
    expect(reports['2026-11-03'].totals).toMatchObject({
      households: 6,
      visits: 4,
      householdsVisited: 3,
      intentChanges: 2,
      stageMoves: 3,
      problemsOpened: 3,
    });
    expect(reports['2026-11-04'].totals).toMatchObject({
      visits: 2,
      stageMoves: 3,
      problemsClosed: 1,
      approvalsPending: 1,
      priorityHouseholdsTouched: 1,
    });
    expect(reports['2026-11-04'].totals.problemsOverdue).toBeGreaterThan(0);
    expect(reports['2026-11-04'].byTaskForce.some((row: any) => row.id === null)).toBe(true);
  });

  it.each(['2026-11-03', '2026-11-04'])(
    'walks every cell of the %s report: each list has as many items as the figure',
    async (date) => {
      const checks = everyCell(reports[date], { totals: true, cadre: () => true });
      expect(checks.length).toBeGreaterThan(100);
      expect(await mismatches(date, checks)).toEqual([]);
    },
  );

  it('lists one item per counted record with its household, and pages through them', async () => {
    const all = ok(await cells('2026-11-03', { metric: 'visits', pageSize: 200 }), 200);
    expect(all).toMatchObject({
      date: '2026-11-03',
      metric: 'visits',
      generatedAt: reports['2026-11-03'].generatedAt,
      itemKind: 'visit',
      total: 4,
    });
    // Two visits of one household are two items.
    expect(all.items.filter((item: any) => item.householdId === h.a1)).toHaveLength(2);
    expect(all.items[0]).toMatchObject({ kind: 'visit', villageId: w.villageId });
    expect(all.items[0].household.headIdNumber).toContain('*');
    const paged: string[] = [];
    for (let page = 1; page <= 5; page++) {
      const body = ok(await cells('2026-11-03', { metric: 'visits', page, pageSize: 1 }), 200);
      expect(body.total).toBe(4);
      paged.push(...body.items.map((item: any) => item.id));
    }
    expect(paged).toEqual(all.items.map((item: any) => item.id));
    // A problem of no household is an item with none.
    const opened = ok(await cells('2026-11-03', { metric: 'problemsOpened' }), 200);
    expect(opened.items.filter((item: any) => item.household === null)).toHaveLength(1);
  });

  it('gives households as GET /households?asOf= lists them, as they were when the report was made', async () => {
    const listed = ok(
      await cells('2026-11-03', { metric: 'households', villageId: w.villageId, pageSize: 200 }),
      200,
    );
    const asOf = ok(
      await t.http
        .get(`/api/v1/households?asOf=2026-11-03&villageId=${w.villageId}&sort=code&pageSize=200`)
        .set(auth(w.commander)),
      200,
    );
    expect(listed.itemKind).toBe('household');
    expect(listed.items).toEqual(asOf.items);
    // 11-04's report was made before a4 moved on that day: a4 is still registered in its list.
    const registered = ok(await cells('2026-11-04', { metric: 'households', stage: 'registered' }), 200);
    expect(registered.items.map((item: any) => item.id)).toContain(h.a4);
    expect(registered.items.find((item: any) => item.id === h.a4)).toMatchObject({
      stage: 'registered',
      asOf: '2026-11-04',
    });
  });

  it('gives an official the lists of their own rows, and nothing of another township', async () => {
    const date = '2026-11-04';
    const report = ok(await t.http.get(`/api/v1/reports/daily/${date}`).set(auth(w.official.token)), 200);
    expect(report.byTownship.map((row: any) => row.id)).toEqual([w.townshipId]);
    // Cadre 1 works only in the official's township; cadre 2 also in the other one (below).
    const checks = everyCell(report, { totals: false, cadre: (id) => id === w.cadre.id });
    expect(checks.length).toBeGreaterThan(20);
    expect(await mismatches(date, checks, w.official.token)).toEqual([]);
    // The project's totals name nobody; their list is the official's part of it.
    const own = report.byTownship[0];
    for (const metric of ['households', 'visits', 'stageMoves', 'intentChanges'])
      expect((await cells(date, { metric }, w.official.token)).body.total).toBe(own[metric]);
    // A cadre working in two townships: the official lists the households of theirs that they see.
    const assigned = ok(
      await cells(date, { metric: 'assigned', cadreId: w.otherCadre.id }, w.official.token),
      200,
    );
    expect(assigned.items.map((item: any) => item.id)).toEqual([h.a3]);
    // Another township's village: an empty list, as GET /households?villageId= gives.
    const other = ok(
      await cells(date, { metric: 'households', villageId: w.otherVillageId }, w.official.token),
      200,
    );
    expect(other).toMatchObject({ total: 0, items: [] });
    // A cadre may not read reports at all.
    expect((await cells(date, { metric: 'households' }, w.cadre.token)).status).toBe(403);
  });

  it('decides who sees a household today: one moved into the township shows in the official’s lists at once', async () => {
    const households = async () =>
      ok(await cells('2026-11-04', { metric: 'households' }, w.official.token), 200).items.map(
        (item: any) => item.id,
      );
    expect(await households()).not.toContain(h.b2);
    ok(
      await t.http
        .patch(`/api/v1/households/${h.b2}`)
        .set(auth(w.commander))
        .send({ version: await a.version(h.b2), villageId: w.villageId }),
      200,
    );
    // Listed where it was on 11-04 (村 B), as it was then, now that the official may see it.
    expect(await households()).toContain(h.b2);
    const moved = ok(
      await cells('2026-11-04', { metric: 'households', villageId: w.otherVillageId }, w.official.token),
      200,
    );
    expect(moved.items.map((item: any) => [item.id, item.villageId])).toEqual([[h.b2, w.otherVillageId]]);
  });

  it('refuses an unknown figure, a bad date or row, and a date without a stored report', async () => {
    const unknown = await cells('2026-11-04', { metric: 'lightsRed' });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({ code: 'UNKNOWN_METRIC' });
    expect(unknown.body.message).toContain('指标');
    expect((await cells('2026-11-04', {})).status).toBe(400);
    const badDate = await cells('2026-13-01', { metric: 'visits' });
    expect(badDate.status).toBe(400);
    expect(badDate.body.code).toBe('VALIDATION_FAILED');
    const badRow = await cells('2026-11-04', { metric: 'visits', villageId: 'x' });
    expect(badRow.status).toBe(400);
    expect(badRow.body.details[0].field).toBe('villageId');
    expect((await cells('2026-11-04', { metric: 'visits', stage: 'nowhere' })).status).toBe(400);
    const none = await cells('2026-11-02', { metric: 'visits' });
    expect(none.status).toBe(404);
    expect(none.body.code).toBe('REPORT_NOT_FOUND');
  });
});
