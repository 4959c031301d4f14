import { HouseholdDerivedRepository } from '../../src/modules/households/household-derived.repository';
import { HouseholdDerived } from '../../src/modules/households/household-derived.service';
import { auth, Factory, World } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';

/**
 * The daily cycle (report → review → dispatch) on the in-process driver, on a small data set whose right
 * answers are written here. Server TZ does not matter: business dates are Asia/Shanghai.
 */
describe('daily cycle: report, review, dispatch', () => {
  let t: TestApp;
  let f: Factory;
  let w: World;
  const h: Record<string, Record<string, any>> = {};

  const at = (instant: string) => t.clock.set(instant);
  const visit = (key: string, token: string, visitedAt: string) =>
    t.http
      .post(`/api/v1/households/${h[key].id}/visits`)
      .set(auth(token))
      .send({ visitedAt, method: 'in_person', summary: '走访' });

  async function runCycle(date: string) {
    const started = await t.http.post(`/api/v1/cycle/${date}/run`).set(auth(w.commander));
    expect(started.status).toBe(202);
    expect(started.body.jobs.map((j: { name: string }) => j.name)).toEqual(['report', 'review', 'dispatch']);
    for (let i = 0; i < 200; i++) {
      const status = await t.http.get(`/api/v1/cycle/${date}`).set(auth(w.commander));
      if (status.body.cycle && ['done', 'skipped', 'failed'].includes(status.body.cycle.status))
        return status.body;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('cycle did not finish');
  }

  beforeAll(async () => {
    t = await createTestApp();
    f = new Factory(t);
    w = await f.world();
    at('2026-11-10T02:00:00Z');
    h.H1 = await f.household(w);
    h.H2 = await f.household(w);
    h.H3 = await f.household(w, { villageId: w.otherVillageId, cadreId: w.otherCadre.id });
    h.H4 = await f.household(w, { flags: ['low_income'] });

    // A p1 problem on H3 on 11-20 (due 11-21): overdue by the 25th.
    at('2026-11-20T02:00:00Z');
    await t.http
      .post('/api/v1/problems')
      .set(auth(w.commander))
      .send({ householdId: h.H3.id, category: 'safety', severity: 'p1', description: '危房' });
    // H1's visits on both sides of midnight in Shanghai.
    at('2026-11-26T02:00:00Z');
    expect((await visit('H1', w.cadre.token, '2026-11-24T23:59:00+08:00')).status).toBe(201); // business date 11-24
    expect((await visit('H1', w.cadre.token, '2026-11-25T01:00:00+08:00')).status).toBe(201); // 11-25
    expect((await visit('H1', w.cadre.token, '2026-11-26T00:01:00+08:00')).status).toBe(201); // 11-26
    expect((await visit('H2', w.cadre.token, '2026-11-25T23:59:00+08:00')).status).toBe(201); // 11-25
    // On the 25th: a problem on H2, H1 and H4 move to surveyed, H4 asks for the township's approval, H3's intent.
    at('2026-11-25T02:00:00Z');
    await t.http
      .post('/api/v1/problems')
      .set(auth(w.cadre.token))
      .send({ householdId: h.H2.id, category: 'hukou', severity: 'p2', description: '户口迁移' });
    at('2026-11-25T03:00:00Z');
    for (const key of ['H1', 'H4']) {
      expect(
        (
          await t.http
            .post(`/api/v1/households/${h[key].id}/transitions`)
            .set(auth(w.cadre.token))
            .send({ to: 'surveyed', version: 1 })
        ).status,
      ).toBe(200);
    }
    expect(
      (
        await t.http
          .post(`/api/v1/households/${h.H4.id}/transitions`)
          .set(auth(w.cadre.token))
          .send({ to: 'indicators_confirmed', version: 2 })
      ).status,
    ).toBe(202);
    at('2026-11-25T04:00:00Z');
    await t.http
      .post(`/api/v1/households/${h.H3.id}/intent`)
      .set(auth(w.otherCadre.token))
      .send({ option: 'cash' });
  });
  afterAll(() => t.close());

  it('404s a report that has not run, and refuses a future date', async () => {
    at('2026-11-26T02:00:00Z');
    expect((await t.http.get('/api/v1/reports/daily/2026-11-25').set(auth(w.commander))).status).toBe(404);
    expect((await t.http.post('/api/v1/cycle/2026-11-27/run').set(auth(w.commander))).status).toBe(422);
    expect((await t.http.post('/api/v1/cycle/2026-02-30/run').set(auth(w.commander))).status).toBe(400);
    expect((await t.http.post('/api/v1/cycle/2026-11-25/run').set(auth(w.cadre.token))).status).toBe(403);
  });

  it('runs report → review → dispatch for 2026-11-25 with the right figures', async () => {
    at('2026-11-26T02:00:00Z');
    const cycle = await runCycle('2026-11-25');
    expect(cycle.jobs.map((j: { name: string; status: string }) => [j.name, j.status])).toEqual([
      ['report', 'done'],
      ['review', 'done'],
      ['dispatch', 'done'],
    ]);
    const report = (await t.http.get('/api/v1/reports/daily/2026-11-25').set(auth(w.commander))).body;
    expect(report.totals).toEqual({
      households: 4,
      visits: 2,
      householdsVisited: 2,
      intentChanges: 1,
      stageMoves: 2,
      problemsOpened: 1,
      problemsClosed: 0,
      problemsOverdue: 1,
      approvalsPending: 1,
      priorityHouseholdsTouched: 1,
    });
    const stages = Object.fromEntries(report.stages.map((s: { stage: string }) => [s.stage, s]));
    expect(stages.registered).toEqual({ stage: 'registered', count: 2, today: 0, percent: 50 });
    expect(stages.surveyed).toEqual({ stage: 'surveyed', count: 2, today: 2, percent: 50 });
    const village = report.byVillage.find((v: { id: string }) => v.id === w.villageId);
    expect(village).toMatchObject({
      households: 3,
      visits: 2,
      householdsVisited: 2,
      stageMoves: 2,
      problemsOpened: 1,
      intentChanges: 0,
      problemsOverdue: 0,
    });
    const other = report.byVillage.find((v: { id: string }) => v.id === w.otherVillageId);
    expect(other).toMatchObject({ households: 1, visits: 0, intentChanges: 1, problemsOverdue: 1 });
    expect(report.byTownship.find((x: { id: string }) => x.id === w.townshipId)).toMatchObject({
      households: 3,
      visits: 2,
    });
    const cadre = report.byCadre.find((c: { cadreId: string }) => c.cadreId === w.cadre.id);
    expect(cadre).toMatchObject({ assigned: 3, visitedToday: 2, overdueVisits: 1 });
    expect(report.byCadre.find((c: { cadreId: string }) => c.cadreId === w.otherCadre.id)).toMatchObject({
      assigned: 1,
      visitedToday: 0,
      overdueVisits: 1,
    });

    // Review: every light recomputed.
    const light = async (key: string) =>
      (await t.http.get(`/api/v1/households/${h[key].id}`).set(auth(w.commander))).body;
    expect((await light('H1')).light).toBe('green');
    expect(await light('H2')).toMatchObject({ light: 'yellow', lightReasons: ['stalled_yellow'] });
    expect((await light('H3')).lightReasons).toEqual(
      expect.arrayContaining(['problem_overdue', 'problem_p1', 'no_visit']),
    );
    expect(await light('H4')).toMatchObject({ light: 'yellow', lightReasons: ['no_visit'] });

    // Dispatch: the overdue visits to their cadres, the unassigned overdue problem to the command centre.
    const sheet = (await t.http.get('/api/v1/dispatch/2026-11-25').set(auth(w.commander))).body;
    expect(sheet.issued).toBe(3);
    const tasks = (await t.http.get('/api/v1/tasks?date=2026-11-25').set(auth(w.commander))).body.items;
    expect(tasks.map((x: { kind: string; targetId: string }) => `${x.kind}:${x.targetId}`).sort()).toEqual(
      [
        `overdue_visit:${h.H3.id}`,
        `overdue_visit:${h.H4.id}`,
        expect.stringMatching(/^overdue_problem:/),
      ].sort(),
    );
    const mine = (await t.http.get('/api/v1/tasks').set(auth(w.cadre.token))).body.items;
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      targetId: h.H4.id,
      dueDate: '2026-11-26',
      status: 'open',
      overdue: false,
    });
    const notes = (await t.http.get('/api/v1/notifications?unread=true').set(auth(w.cadre.token))).body;
    expect(notes.items).toHaveLength(1);
    expect(notes.items[0].body).toContain('1 项');
  });

  it('runs a date twice without a second report or task set', async () => {
    at('2026-11-26T05:00:00Z');
    const before = (await t.http.get('/api/v1/reports/daily/2026-11-25').set(auth(w.commander))).body;
    await t.http.post('/api/v1/cycle/2026-11-25/run').set(auth(w.commander));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const after = (await t.http.get('/api/v1/reports/daily/2026-11-25').set(auth(w.commander))).body;
    expect(after).toEqual(before);
    expect((await t.http.get('/api/v1/tasks?date=2026-11-25').set(auth(w.commander))).body.total).toBe(3);
    const counted = await t.dataSource
      .createQueryBuilder()
      .select('count(*)', 'n')
      .from('daily_report', 'r')
      .getRawOne();
    expect(Number(counted.n)).toBe(1);
  });

  it('lets the assignee complete a task; open tasks carry over to the next day as overdue', async () => {
    at('2026-11-26T06:00:00Z');
    const otherTask = (await t.http.get('/api/v1/tasks').set(auth(w.otherCadre.token))).body.items[0];
    expect(
      (await t.http.post(`/api/v1/tasks/${otherTask.id}/complete`).set(auth(w.cadre.token)).send({})).status,
    ).toBe(404);
    const done = await t.http
      .post(`/api/v1/tasks/${otherTask.id}/complete`)
      .set(auth(w.otherCadre.token))
      .send({ note: '已电话联系，明日入户' });
    expect(done.body).toMatchObject({ status: 'done', note: '已电话联系，明日入户' });
    expect(
      (await t.http.post(`/api/v1/tasks/${otherTask.id}/complete`).set(auth(w.otherCadre.token)).send({}))
        .status,
    ).toBe(422);

    // Next day: H4 is still unvisited, but its open task from the 25th carries over instead of doubling.
    at('2026-11-27T02:00:00Z');
    await runCycle('2026-11-26');
    const mine = (await t.http.get('/api/v1/tasks?status=open').set(auth(w.cadre.token))).body.items;
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ cycleDate: '2026-11-25', overdue: true });
    const sheet = (await t.http.get('/api/v1/dispatch/2026-11-26').set(auth(w.commander))).body;
    const cadreGroup = sheet.assignees.find(
      (a: { assignee: { userId: string } }) => a.assignee.userId === w.cadre.id,
    );
    expect(cadreGroup).toMatchObject({ carriedOver: 1, carriedOverdue: 1 });
  });

  it('lists overdue and stalled items with reasons and owners for supervisors', async () => {
    at('2026-11-27T02:00:00Z');
    const response = await t.http.get('/api/v1/supervision/overdue').set(auth(w.supervisor));
    expect(response.status).toBe(200);
    const visitTargets = response.body.overdueVisits.map((i: { targetId: string }) => i.targetId);
    expect(visitTargets).toEqual(expect.arrayContaining([h.H3.id, h.H4.id]));
    const h4 = response.body.overdueVisits.find((i: { targetId: string }) => i.targetId === h.H4.id);
    expect(h4).toMatchObject({ reason: '登记 17 天从未走访', owner: { type: 'user', id: w.cadre.id } });
    expect(response.body.overdueProblems[0]).toMatchObject({
      owner: { type: 'level' },
      householdId: h.H3.id,
    });
    expect((await t.http.get('/api/v1/supervision/overdue').set(auth(w.cadre.token))).status).toBe(403);
  });

  it('exports the report as a workbook', async () => {
    const response = await t.http
      .get('/api/v1/reports/daily/2026-11-25/export')
      .set(auth(w.commander))
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(response.status).toBe(200);
    const ExcelJS = (await import('exceljs')).default;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.body);
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      '总览',
      '阶段',
      '按村',
      '按乡镇',
      '按专班',
      '按包户干部',
      '指标口径',
    ]);
    expect(workbook.getWorksheet('总览')!.getRow(4).values).toEqual([undefined, '总户数', 4]);
    // Each figure with the version the stored report was computed with, and its definition.
    const metrics = workbook.getWorksheet('指标口径')!;
    expect(metrics.getRow(1).values).toEqual([undefined, '指标', '名称', '版本', '口径']);
    expect(metrics.getRow(2).values).toEqual([
      undefined,
      'households',
      '移民户数',
      1,
      expect.stringContaining('日汇报生成时已登记的移民户数'),
    ]);
  });
  it("walks every household exactly once, a page at a time, in the review's order (not the ids')", async () => {
    // The review reads 5,000 households a page; pages of 2 here make the small world several pages.
    const lights = t.app.get(HouseholdDerivedRepository);
    const walk = async (villageId?: string) => {
      const seen: string[] = [];
      let after: string | number | null = null;
      for (;;) {
        const { rows, next } = await lights.lightPage(after, 2, villageId);
        if (rows.length === 0) return seen;
        seen.push(...rows.map((row) => row.id));
        after = next;
      }
    };
    const ids = async (where = '') =>
      ((await t.dataSource.query(`SELECT id FROM household ${where}`)) as { id: string }[])
        .map((r) => r.id)
        .sort();
    const all = await walk();
    expect(all.length).toBeGreaterThan(2);
    expect([...all].sort()).toEqual(await ids());
    const village = await walk(w.villageId);
    expect([...village].sort()).toEqual(await ids(`WHERE village_id = '${w.villageId}'`));
    // The walk's reasons, read once from their own table: all of them, or one village's households'.
    const table = (
      (await t.dataSource.query(
        `SELECT r.household_id, r.reasons, h.village_id FROM household_light_reasons r
           JOIN household h ON h.id = r.household_id`,
      )) as { household_id: string; reasons: string; village_id: string }[]
    ).map((r) => [r.household_id, r.reasons, r.village_id]);
    expect(table.some(([, reasons]) => reasons !== '[]')).toBe(true);
    expect([...(await lights.storedReasons())].sort()).toEqual(
      table.map(([id, reasons]) => [id, reasons]).sort(),
    );
    expect([...(await lights.storedReasons(w.villageId))].sort()).toEqual(
      table
        .filter(([, , village]) => village === w.villageId)
        .map(([id, reasons]) => [id, reasons])
        .sort(),
    );
  });

  it('recomputes every light over pages of 2, reading the next page while one is written', async () => {
    const derived = t.app.get(HouseholdDerived);
    const [{ n }] = await t.dataSource.query('SELECT COUNT(*) AS n FROM household');
    const later = new Date(t.clock.now().getTime() + 40 * 86_400_000);
    try {
      const paged = await derived.recomputeLights(later, undefined, 2);
      expect(paged.households).toBe(Number(n));
      expect(paged.changed).toBeGreaterThan(0);
      // Walked again in one page at the same instant: every page's changes were written, none is left.
      const again = await derived.recomputeLights(later);
      expect(again).toMatchObject({ households: Number(n), changed: 0, lights: paged.lights });
    } finally {
      await derived.recomputeLights(t.clock.now());
    }
  });
});
