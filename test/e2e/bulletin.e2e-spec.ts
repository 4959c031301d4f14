import * as ExcelJS from 'exceljs';
import { JobName } from '../../src/jobs/job-catalogue';
import { JobQueue } from '../../src/jobs/job-queue';
import { JobRunsService } from '../../src/jobs/job-runs.service';
import { auth, Factory, World } from '../support/factories';
import { Activity } from '../support/activity';
import { createTestApp, TestApp } from '../support/test-app';

/**
 * 周通报 for the week Mon 2026-11-23 … Sun 2026-11-29 (Asia/Shanghai), on a hand-built history: stage moves
 * before, during and after the week, a rollback, visits, problems closed late and on time, a unit that did
 * nothing for weeks, supervised problems. Every expected figure below is worked out by hand in the comments.
 *
 * Completion = Σ stage steps / (households × 11), steps: registered 0, surveyed 1, indicators_confirmed 2,
 * intent_collected 3. Times are UTC; Shanghai is UTC+8.
 */
describe('weekly bulletin (周通报)', () => {
  let t: TestApp;
  let f: Factory;
  let w: World;
  const WEEK = '2026-11-23';
  const ids: Record<string, string> = {};
  const names: Record<string, string> = {};
  const codes: Record<string, string> = {};
  let cadreC: { id: string; token: string };
  let handler2: { id: string; token: string };

  const at = (iso: string) => t.clock.set(iso);
  const ok = (response: { status: number; body: unknown }, ...expected: number[]) => {
    if (!expected.includes(response.status))
      throw new Error(
        `expected ${expected.join('/')}, got ${response.status} ${JSON.stringify(response.body)}`,
      );
    return response.body as Record<string, any>;
  };
  const version = (householdId: string) => new Activity(t, w).version(householdId);
  /** One step forward as the commander (approvals decided by the tokens in order), then a minute passes. */
  const advance = async (householdId: string, to: string, approvers: string[] = []) => {
    await new Activity(t, w).advance(householdId, to, approvers);
    t.clock.advance(60_000);
  };
  const visit = async (householdId: string, visitedAt: string) => {
    at(visitedAt);
    ok(
      await t.http
        .post(`/api/v1/households/${householdId}/visits`)
        .set(auth(w.commander))
        .send({ visitedAt, method: 'in_person', summary: '入户走访' }),
      201,
    );
  };
  const problem = async (householdId: string, severity: string) =>
    ok(
      await t.http
        .post('/api/v1/problems')
        .set(auth(w.commander))
        .send({ householdId, category: 'compensation_dispute', severity, description: '补偿标准有疑问' }),
      201,
    ).id as string;
  const act = async (token: string, problemId: string, action: string, body: Record<string, unknown>) =>
    ok(await t.http.post(`/api/v1/problems/${problemId}/${action}`).set(auth(token)).send(body), 200);
  const assign = (problemId: string, unitId: string) => act(w.commander, problemId, 'assign', { unitId });
  const resolve = (token: string, problemId: string) =>
    act(token, problemId, 'resolve', { resolution: '已按政策答复' });
  const close = (problemId: string) => act(w.commander, problemId, 'feedback', { satisfied: true });
  const supervise = (problemId: string) => act(w.supervisor, problemId, 'supervise', {});

  const runWeek = (weekStart: string, token = w.commander) =>
    t.http.post(`/api/v1/bulletins/weekly/${weekStart}/run`).set(auth(token));
  const getWeek = (weekStart: string, token = w.commander) =>
    t.http.get(`/api/v1/bulletins/weekly/${weekStart}`).set(auth(token));

  beforeAll(async () => {
    t = await createTestApp({ JOB_SCHEDULES: 'false' });
    f = new Factory(t);
    w = await f.world();
    const unit = (name: string, kind: string, parentId: string) =>
      f.orgUnit(w.admin, { name, kind, parentId });
    ids.V1 = w.villageId;
    ids.V2 = w.otherVillageId;
    ids.V3 = await unit(`德茹村${process.pid}`, 'village', w.townshipId);
    ids.V4 = await unit(`聚福村${process.pid}`, 'village', w.otherTownshipId);
    ids.TF1 = w.taskForceId;
    ids.TF2 = await unit(`第二专班${process.pid}`, 'task_force', w.centreId);
    ids.U1 = w.unitId;
    ids.U2 = await unit(`水利局${process.pid}`, 'unit', w.centreId);
    ids.U3 = await unit(`人社局${process.pid}`, 'unit', w.centreId);
    cadreC = await f.user(w.admin, 'cadre', ids.TF2);
    handler2 = await f.user(w.admin, 'handler', ids.U2);
    for (const unit of ok(await t.http.get('/api/v1/org-units').set(auth(w.admin)), 200) as any[])
      names[unit.id] = unit.name;
    const users = ok(await t.http.get('/api/v1/users?pageSize=200').set(auth(w.admin)), 200).items as any[];
    for (const user of users) names[user.id] = user.displayName;

    // Households, registered on 11-02: cadre A (w.cadre), B (w.otherCadre), C.
    at('2026-11-02T02:00:00Z');
    const household = async (key: string, villageId: string, taskForceId: string, cadreId: string) => {
      const body = await f.household(w, { villageId, taskForceId, cadreId });
      ids[key] = body.id;
      codes[key] = body.code;
    };
    await household('h1', ids.V1, ids.TF1, w.cadre.id);
    await household('h2', ids.V1, ids.TF1, w.cadre.id);
    await household('h3', ids.V3, ids.TF2, w.otherCadre.id);
    await household('h4', ids.V2, ids.TF2, w.otherCadre.id);
    await household('h5', ids.V4, ids.TF1, cadreC.id);

    // P4 (h3 → U3) and P7 (h1 → U1): p3, opened 11-03, due 11-10, assigned at once, never worked on.
    at('2026-11-03T02:00:00Z');
    ids.P4 = await problem(ids.h3, 'p3');
    ids.P7 = await problem(ids.h1, 'p3');
    await assign(ids.P4, ids.U3);
    await assign(ids.P7, ids.U1);

    // Before the week (Fri 11-20): h1 → surveyed; h3 → surveyed → indicators_confirmed.
    at('2026-11-20T02:00:00Z');
    await advance(ids.h1, 'surveyed');
    await advance(ids.h3, 'surveyed');
    await advance(ids.h3, 'indicators_confirmed', [w.official.token]);
    // P1 (h1 → U1): p2, due 11-23 02:00; resolved 11-22, closed 11-24: closed in the week, late.
    at('2026-11-20T03:00:00Z');
    ids.P1 = await problem(ids.h1, 'p2');
    await assign(ids.P1, ids.U1);
    at('2026-11-22T02:00:00Z');
    await resolve(w.handler.token, ids.P1);
    // h4's visit on 11-22 10:00 Shanghai is before the cutoff (11-23 00:00): still overdue at week end.
    await visit(ids.h4, '2026-11-22T02:00:00Z');

    // The week.
    at('2026-11-24T02:00:00Z');
    await close(ids.P1);
    await visit(ids.h1, '2026-11-24T02:00:00Z');
    // P2 (h2 → U1): p3, due 12-01; supervised, then closed 11-25: on time, and off the supervised list.
    ids.P2 = await problem(ids.h2, 'p3');
    await assign(ids.P2, ids.U1);
    await supervise(ids.P2);
    // P3 (h4 → U2): p1, due 11-25 02:00; still assigned at week end (worked on only after it).
    ids.P3 = await problem(ids.h4, 'p1');
    await assign(ids.P3, ids.U2);
    // h6 is registered during the week (V4, TF2, cadre C): too new to be overdue for a visit.
    const h6 = await f.household(w, { villageId: ids.V4, taskForceId: ids.TF2, cadreId: cadreC.id });
    ids.h6 = h6.id;

    at('2026-11-25T02:00:00Z');
    await advance(ids.h1, 'indicators_confirmed', [w.official.token]);
    await advance(ids.h2, 'surveyed');
    await advance(ids.h4, 'surveyed');
    await advance(ids.h4, 'indicators_confirmed', [w.otherOfficial.token]);
    ok(
      await t.http
        .post(`/api/v1/households/${ids.h4}/intent`)
        .set(auth(w.commander))
        .send({ option: 'central_gov_built' }),
      201,
    );
    await advance(ids.h4, 'intent_collected');
    at('2026-11-25T03:00:00Z');
    await resolve(w.handler.token, ids.P2);
    await close(ids.P2);
    await visit(ids.h5, '2026-11-25T04:00:00Z');

    // h3 rolled back (re-survey after an objection): its completion falls.
    at('2026-11-26T02:00:00Z');
    ok(
      await t.http
        .post(`/api/v1/households/${ids.h3}/rollback`)
        .set(auth(w.commander))
        .send({ reason: '户主对面积有异议，重新调查', version: await version(ids.h3) }),
      200,
    );
    // P5 (h5 → U2): p2, due 11-29 02:00; resolved 11-27, closed 11-28: on time.
    ids.P5 = await problem(ids.h5, 'p2');
    await assign(ids.P5, ids.U2);
    at('2026-11-27T02:00:00Z');
    await resolve(handler2.token, ids.P5);
    await visit(ids.h3, '2026-11-27T03:00:00Z');
    at('2026-11-28T02:00:00Z');
    await close(ids.P5);
    // Sunday 23:59 Shanghai: the last minute of the week, P4 is put under supervision (挂牌督办).
    at('2026-11-29T15:59:00Z');
    await supervise(ids.P4);

    // After the week (Mon 11-30 08:xx Shanghai): none of this may change the bulletin's figures.
    at('2026-11-30T00:10:00Z');
    await supervise(ids.P3);
    at('2026-11-30T00:20:00Z');
    await resolve(handler2.token, ids.P3);
    at('2026-11-30T00:30:00Z');
    await close(ids.P3);
    await advance(ids.h5, 'surveyed');
    // h5 handed from cadre C to cadre A after the week: the week's bulletin still counts it for C.
    ok(
      await t.http
        .post('/api/v1/households/assignments')
        .set(auth(w.commander))
        .send({ householdIds: [ids.h5], cadreId: w.cadre.id }),
      200,
    );
    await visit(ids.h2, '2026-11-30T00:40:00Z');
  });
  afterEach(() => t.clock.set('2026-11-30T02:00:00Z'));
  afterAll(() => t.close());

  const row = (rank: number, key: string, figures: Record<string, unknown>) => ({
    rank,
    id: ids[key] ?? key,
    name: names[ids[key] ?? key],
    ...figures,
  });
  const bottom = (...entries: [number, string][]) =>
    entries.map(([rank, key]) => ({ rank, id: ids[key] ?? key, name: names[ids[key] ?? key] }));

  it('refuses bad weeks, a week not over yet, and a bulletin before it ran', async () => {
    at('2026-11-30T02:00:00Z');
    for (const bad of ['2026-11-24', '2026-02-30', 'monday', '2026-11-2']) {
      const response = await getWeek(bad);
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'weekStart' }] });
      expect((await runWeek(bad)).status).toBe(400);
    }
    expect((await getWeek(WEEK)).body).toMatchObject({ statusCode: 404, code: 'BULLETIN_NOT_FOUND' });
    expect((await t.http.get(`/api/v1/bulletins/weekly/${WEEK}/export`).set(auth(w.commander))).status).toBe(
      404,
    );
    // This week (11-30 … 12-06) has only begun: nothing is stored.
    expect((await runWeek('2026-11-30')).body).toMatchObject({ statusCode: 422, code: 'WEEK_NOT_OVER' });
    expect((await getWeek('2026-11-30')).status).toBe(404);
  });

  it('lets only the command centre run it, and the command centre and supervisors read it', async () => {
    expect((await runWeek(WEEK, w.supervisor)).status).toBe(403);
    expect((await runWeek(WEEK, w.cadre.token)).status).toBe(403);
    expect((await getWeek(WEEK, w.cadre.token)).status).toBe(403);
    expect((await getWeek(WEEK, w.official.token)).status).toBe(403);
    expect((await getWeek(WEEK, w.handler.token)).status).toBe(403);
    expect((await t.http.get(`/api/v1/bulletins/weekly/${WEEK}`)).status).toBe(401);
    const [{ n }] = await t.dataSource.query('SELECT COUNT(*) AS n FROM weekly_bulletin');
    expect(Number(n)).toBe(0);
  });

  it('computes the week from its history: totals, five rankings, bottom three, stalled units, supervised', async () => {
    at('2026-11-30T02:00:00Z'); // Monday 10:00 Shanghai
    const run = ok(await runWeek(WEEK), 200);
    expect(run).toMatchObject({ weekStart: WEEK, status: 'done' });
    const b = run.bulletin;
    expect(b).toMatchObject({
      weekStart: WEEK,
      lastDate: '2026-11-29',
      generatedAt: '2026-11-30T02:00:00.000Z',
      stallWeeks: 2,
    });
    // Steps at week start: h1 1, h3 2, the rest 0 → 3; at week end: h1 2, h2 1, h3 1, h4 3, h5 0 (moved after
    // the week), h6 0 → 7. Six households: 3/66 = 4.5 %, 7/66 = 10.6 %, gain 4/66 = 6.1 points.
    // Closed in the week: P1 (late), P2, P5 (on time) → 2/3. Overdue at week end: P3 (closed only after it),
    // P4, P7. Overdue visits: h2 (visited only after the week), h4 (visited before the cutoff).
    expect(b.totals).toEqual({
      households: 6,
      completionStart: 4.5,
      completion: 10.6,
      gain: 6.1,
      signedPercent: 0,
      closed: 3,
      closedOnTime: 2,
      onTimeRate: 66.7,
      overdueProblems: 3,
      overdueVisits: 2,
      supervised: 1,
      stalledUnits: 1,
    });

    const R = b.rankings;
    // Villages: V2 (h4: 0 → 3 of 11), V1 (h1, h2: 1 → 3 of 22), V3 (h3: 2 → 1 of 11), V4 (h5, h6: 0).
    expect(R.villages.rows).toEqual([
      row(1, 'V2', {
        households: 1,
        completionStart: 0,
        completion: 27.3,
        gain: 27.3,
        signedPercent: 0,
        closed: 0,
        closedOnTime: 0,
        onTimeRate: null,
        overdue: 1,
      }),
      row(2, 'V1', {
        households: 2,
        completionStart: 4.5,
        completion: 13.6,
        gain: 9.1,
        signedPercent: 0,
        closed: 2,
        closedOnTime: 1,
        onTimeRate: 50,
        overdue: 1,
      }),
      row(3, 'V3', {
        households: 1,
        completionStart: 18.2,
        completion: 9.1,
        gain: -9.1,
        signedPercent: 0,
        closed: 0,
        closedOnTime: 0,
        onTimeRate: null,
        overdue: 1,
      }),
      row(4, 'V4', {
        households: 2,
        completionStart: 0,
        completion: 0,
        gain: 0,
        signedPercent: 0,
        closed: 1,
        closedOnTime: 1,
        onTimeRate: 100,
        overdue: 0,
      }),
    ]);
    expect(R.villages.bottom).toEqual(bottom([2, 'V1'], [3, 'V3'], [4, 'V4']));
    // Townships: T1 = V1 + V3 (3 → 4 of 33), T2 = V2 + V4 (0 → 3 of 33).
    ids.T1 = w.townshipId;
    ids.T2 = w.otherTownshipId;
    expect(R.townships.rows).toEqual([
      row(1, 'T1', {
        households: 3,
        completionStart: 9.1,
        completion: 12.1,
        gain: 3,
        signedPercent: 0,
        closed: 2,
        closedOnTime: 1,
        onTimeRate: 50,
        overdue: 2,
      }),
      row(2, 'T2', {
        households: 3,
        completionStart: 0,
        completion: 9.1,
        gain: 9.1,
        signedPercent: 0,
        closed: 1,
        closedOnTime: 1,
        onTimeRate: 100,
        overdue: 1,
      }),
    ]);
    expect(R.townships.bottom).toEqual(bottom([2, 'T2']));
    // Task forces: TF1 = h1, h2, h5 (1 → 3 of 33; P1, P2, P5 closed, P7 overdue), TF2 = h3, h4, h6 (2 → 4).
    expect(R.taskForces.rows).toEqual([
      row(1, 'TF2', {
        households: 3,
        completionStart: 6.1,
        completion: 12.1,
        gain: 6.1,
        signedPercent: 0,
        closed: 0,
        closedOnTime: 0,
        onTimeRate: null,
        overdue: 2,
      }),
      row(2, 'TF1', {
        households: 3,
        completionStart: 3,
        completion: 9.1,
        gain: 6.1,
        signedPercent: 0,
        closed: 3,
        closedOnTime: 2,
        onTimeRate: 66.7,
        overdue: 1,
      }),
    ]);
    expect(R.taskForces.bottom).toEqual(bottom([2, 'TF1']));
    // Cadres: B = h3, h4 (2 → 4 of 22), A = h1, h2 (1 → 3 of 22), C = h5, h6 (0): h5 was C's that week, though
    // A has it now. Overdue = visits.
    ids.A = w.cadre.id;
    ids.B = w.otherCadre.id;
    ids.C = cadreC.id;
    expect(R.cadres.rows).toEqual([
      row(1, 'B', {
        households: 2,
        completionStart: 9.1,
        completion: 18.2,
        gain: 9.1,
        signedPercent: 0,
        closed: 0,
        closedOnTime: 0,
        onTimeRate: null,
        overdue: 1,
      }),
      row(2, 'A', {
        households: 2,
        completionStart: 4.5,
        completion: 13.6,
        gain: 9.1,
        signedPercent: 0,
        closed: 2,
        closedOnTime: 1,
        onTimeRate: 50,
        overdue: 1,
      }),
      row(3, 'C', {
        households: 2,
        completionStart: 0,
        completion: 0,
        gain: 0,
        signedPercent: 0,
        closed: 1,
        closedOnTime: 1,
        onTimeRate: 100,
        overdue: 0,
      }),
    ]);
    expect(R.cadres.bottom).toEqual(bottom([2, 'A'], [3, 'C']));
    // Units, by overdue then on-time rate: each has one overdue problem; U2 closed P5 on time (100 %),
    // U1 closed P1 late and P2 on time (50 %), U3 closed nothing.
    const unit = (rank: number, key: string, figures: Record<string, unknown>) =>
      row(rank, key, {
        households: null,
        completionStart: null,
        completion: null,
        gain: null,
        signedPercent: null,
        ...figures,
      });
    expect(R.units.rows).toEqual([
      unit(1, 'U2', { closed: 1, closedOnTime: 1, onTimeRate: 100, overdue: 1 }),
      unit(2, 'U1', { closed: 2, closedOnTime: 1, onTimeRate: 50, overdue: 1 }),
      unit(3, 'U3', { closed: 0, closedOnTime: 0, onTimeRate: null, overdue: 1 }),
    ]);
    expect(R.units.bottom).toEqual(bottom([2, 'U1'], [3, 'U3']));
    expect(R.units.rule).toMatch(/超期问题数/);

    // U3 has had P4 since 11-03 and done nothing in two weeks; U1 has had P7 as long but worked on P1 and P2.
    expect(b.stalledUnits).toEqual([
      { unitId: ids.U3, name: names[ids.U3], activeProblems: 1, lastProgressAt: null },
    ]);
    // Supervised and open at week end: P4 only (P2 was closed; P3 was supervised after the week).
    expect(b.supervised).toEqual([
      {
        problemId: ids.P4,
        category: 'compensation_dispute',
        severity: 'p3',
        status: 'assigned',
        description: '补偿标准有疑问',
        unitId: ids.U3,
        unitName: names[ids.U3],
        villageName: names[ids.V3],
        householdCode: codes.h3,
        openedAt: '2026-11-03T02:00:00.000Z',
        dueAt: '2026-11-10T02:00:00.000Z',
        overdue: true,
      },
    ]);

    expect(ok(await getWeek(WEEK), 200)).toEqual(b);
    expect(ok(await getWeek(WEEK, w.supervisor), 200)).toEqual(b);
  });

  it('stores one bulletin per week: running again replaces nothing and says skipped, by hand or as a job', async () => {
    const before = ok(await getWeek(WEEK), 200);
    // Something changes after the bulletin was stored (a visit dated inside the week, uploaded late)…
    await visit(ids.h2, '2026-11-28T02:00:00Z');
    const again = ok(await runWeek(WEEK, w.admin), 200);
    expect(again.status).toBe('skipped');
    expect(again.message).toMatch(/未重新生成/);
    expect(again.bulletin).toEqual(before);
    // …and the Monday job for the same week finds it stored too.
    const job = await t.app.get(JobQueue).enqueue(JobName.WeeklyBulletin, { weekStart: WEEK });
    expect(job.id).toBe(`bulletin:${WEEK}`);
    await job.settled;
    expect(await t.app.get(JobRunsService).get(JobName.WeeklyBulletin, WEEK)).toMatchObject({
      status: 'skipped',
    });
    const rows = await t.dataSource.query('SELECT week_start, body FROM weekly_bulletin');
    expect(rows).toHaveLength(1);
    expect(JSON.parse(rows[0].body)).toEqual(before);
    expect(ok(await getWeek(WEEK), 200)).toEqual(before);
  });

  it('runs a week through the jobs layer as the Monday schedule does', async () => {
    at('2026-12-01T02:00:00Z');
    await advance(ids.h2, 'indicators_confirmed', [w.official.token]);
    at('2026-12-07T01:00:00Z'); // Monday 09:00: the week of 11-30 has ended
    const job = await t.app.get(JobQueue).enqueue(JobName.WeeklyBulletin, { weekStart: '2026-11-30' });
    await job.settled;
    const run = await t.app.get(JobRunsService).get(JobName.WeeklyBulletin, '2026-11-30');
    expect(run).toMatchObject({ status: 'done' });
    const stored = ok(await getWeek('2026-11-30'), 200);
    expect(stored).toMatchObject({ weekStart: '2026-11-30', lastDate: '2026-12-06' });
    // h2 moved up on 12-01 and h5 on 11-30: steps 7 → 9 over the same six households.
    expect(stored.totals).toMatchObject({ households: 6, completionStart: 10.6, completion: 13.6, gain: 3 });
  });

  it('stores one bulletin when two runs of a week race', async () => {
    at('2026-12-14T01:00:00Z');
    const [first, second] = await Promise.all([runWeek('2026-12-07'), runWeek('2026-12-07', w.admin)]);
    expect([ok(first, 200).status, ok(second, 200).status].sort()).toEqual(['done', 'skipped']);
    expect(first.body.bulletin).toEqual(second.body.bulletin);
    const rows = await t.dataSource.query(
      `SELECT COUNT(*) AS n FROM weekly_bulletin WHERE week_start = '2026-12-07'`,
    );
    expect(Number(rows[0].n)).toBe(1);
  });

  it('exports the stored bulletin as .xlsx with one sheet per ranking and Chinese headers', async () => {
    const response = await t.http
      .get(`/api/v1/bulletins/weekly/${WEEK}/export`)
      .set(auth(w.supervisor))
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/spreadsheetml/);
    expect(response.headers['content-disposition']).toContain(encodeURIComponent(`周通报-${WEEK}.xlsx`));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.body);
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      '总览',
      '专班排名',
      '乡镇排名',
      '村排名',
      '单位排名',
      '包户干部排名',
      '停滞单位',
      '挂牌督办',
      '指标口径',
    ]);
    const metricIds = workbook.getWorksheet('指标口径')!.getColumn(1).values.slice(2);
    expect(metricIds).toContain('completion');
    expect(metricIds).not.toContain('householdsVisited');
    const villages = workbook.getWorksheet('村排名')!;
    expect(villages.getRow(1).values).toEqual([
      undefined,
      '名次',
      '村',
      '户数',
      '期初综合完成率(%)',
      '综合完成率(%)',
      '本周提升(百分点)',
      '签约率(%)',
      '本周销号',
      '其中按期',
      '按期销号率(%)',
      '超期问题数',
    ]);
    expect(villages.getRow(2).values).toEqual([
      undefined,
      1,
      names[ids.V2],
      1,
      0,
      27.3,
      27.3,
      0,
      0,
      0,
      '—',
      1,
    ]);
    expect(villages.getRow(4).values).toEqual([
      undefined,
      3,
      names[ids.V3],
      1,
      18.2,
      9.1,
      -9.1,
      0,
      0,
      0,
      '—',
      1,
    ]);
    const units = workbook.getWorksheet('单位排名')!;
    expect(units.getRow(1).values).toEqual([
      undefined,
      '名次',
      '后盾单位/职能部门',
      '本周销号',
      '其中按期',
      '按期销号率(%)',
      '超期问题数',
    ]);
    expect(workbook.getWorksheet('包户干部排名')!.getRow(1).getCell(11).value).toBe('超期未走访户数');
    expect(workbook.getWorksheet('停滞单位')!.getRow(2).values).toEqual([undefined, names[ids.U3], 1, '—']);
    expect(workbook.getWorksheet('挂牌督办')!.getRow(2).getCell(1).value).toBe(codes.h3);
  });
});
