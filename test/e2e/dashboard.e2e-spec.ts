import { STAGES } from '../../src/modules/households/household-stages';
import { Activity } from '../support/activity';
import { auth, Factory, World } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';

/**
 * 挂图作战 on a fixed clock: Wed 2026-11-25 14:00 in Shanghai (06:00 UTC). "Today" is the Shanghai business
 * date, which began at 2026-11-24T16:00Z. Six households in three villages of two townships:
 *
 *   V1 (T1): a1 registered → surveyed today, visited today          cadre A   green
 *            a2 surveyed yesterday, indicators_confirmed pending     cadre A   green
 *            a3 registered 11-10, problem (p3) reported today        cadre A   yellow (no visit, no move ≥ 14 d)
 *   V3 (T1): c1 visited 00:30 today (Shanghai), on hold today        cadre B   red
 *   V2 (T2): b1 surveyed and rolled back today, visited twice today  cadre B   green
 *            b2 p1 problem overdue since 11-22, another closed today cadre B   red
 */
describe('dashboard summary (挂图作战)', () => {
  let t: TestApp;
  let f: Factory;
  let w: World;
  const ids: Record<string, string> = {};
  const names: Record<string, string> = {};
  let villageOfficial: { id: string; token: string };

  const at = (iso: string) => t.clock.set(iso);
  const ok = (response: { status: number; body: unknown }, ...expected: number[]) => {
    if (!expected.includes(response.status))
      throw new Error(
        `expected ${expected.join('/')}, got ${response.status} ${JSON.stringify(response.body)}`,
      );
    return response.body as Record<string, any>;
  };
  const activity = () => new Activity(t, w);
  const version = (id: string) => activity().version(id);
  /** One step forward as the commander: 200, or 202 with the request left waiting for its approvers. */
  const transition = (id: string, to: string, expected: 200 | 202) =>
    activity().advance(id, to, [], expected === 202);
  const visit = async (id: string, visitedAt: string) => {
    at(visitedAt);
    await activity().visit(id, visitedAt);
  };
  const problem = (householdId: string, severity: string) => activity().problem(householdId, severity);
  const act = (token: string, id: string, action: string, body: Record<string, unknown>) =>
    activity().problemAct(id, action, body, token);
  const summary = (token: string) => t.http.get('/api/v1/dashboard/summary').set(auth(token));

  beforeAll(async () => {
    t = await createTestApp({ JOB_SCHEDULES: 'false' });
    f = new Factory(t);
    w = await f.world();
    ids.V1 = w.villageId;
    ids.V2 = w.otherVillageId;
    ids.T1 = w.townshipId;
    ids.T2 = w.otherTownshipId;
    ids.V3 = await f.orgUnit(w.admin, {
      name: `德茹村${process.pid}`,
      kind: 'village',
      parentId: w.townshipId,
    });
    villageOfficial = await f.user(w.admin, 'official', ids.V3);
    for (const unit of ok(await t.http.get('/api/v1/org-units').set(auth(w.admin)), 200) as any[])
      names[unit.id] = unit.name;
    const household = async (key: string, villageId: string, cadreId: string) => {
      ids[key] = (await f.household(w, { villageId, cadreId })).id;
    };

    at('2026-11-10T02:00:00Z');
    await household('a3', ids.V1, w.cadre.id);
    at('2026-11-20T02:00:00Z');
    await household('a1', ids.V1, w.cadre.id);
    await household('a2', ids.V1, w.cadre.id);
    await household('c1', ids.V3, w.otherCadre.id);
    await household('b1', ids.V2, w.otherCadre.id);
    await household('b2', ids.V2, w.otherCadre.id);

    // b2: a p1 problem due 11-22 02:00, still open (overdue now); a p3 problem resolved 11-24, closed today.
    at('2026-11-21T02:00:00Z');
    const overdue = await problem(ids.b2, 'p1');
    await act(w.commander, overdue, 'assign', { unitId: w.unitId });
    const closedToday = await problem(ids.b2, 'p3');
    await act(w.commander, closedToday, 'assign', { unitId: w.unitId });
    at('2026-11-24T02:00:00Z');
    await act(w.handler.token, closedToday, 'resolve', { resolution: '已安排过渡房' });
    // Yesterday: a2 surveyed, and a visit at 23:30 Shanghai (not today).
    await transition(ids.a2, 'surveyed', 200);
    await visit(ids.a2, '2026-11-24T15:30:00Z');
    // 00:30 Shanghai on the 25th: today.
    await visit(ids.c1, '2026-11-24T16:30:00Z');

    // Today.
    await visit(ids.a1, '2026-11-25T01:00:00Z');
    at('2026-11-25T01:10:00Z');
    await transition(ids.a1, 'surveyed', 200);
    at('2026-11-25T01:20:00Z');
    await transition(ids.a2, 'indicators_confirmed', 202);
    at('2026-11-25T01:30:00Z');
    await problem(ids.a3, 'p3');
    at('2026-11-25T02:00:00Z');
    await transition(ids.b1, 'surveyed', 200);
    at('2026-11-25T02:10:00Z');
    ok(
      await t.http
        .post(`/api/v1/households/${ids.b1}/rollback`)
        .set(auth(w.commander))
        .send({ reason: '实物调查需重新核对', version: await version(ids.b1) }),
      200,
    );
    await visit(ids.b1, '2026-11-25T03:00:00Z');
    await visit(ids.b1, '2026-11-25T03:30:00Z');
    at('2026-11-25T04:00:00Z');
    await act(w.commander, closedToday, 'feedback', { satisfied: true });
    at('2026-11-25T05:00:00Z');
    ok(
      await t.http
        .post(`/api/v1/households/${ids.c1}/hold`)
        .set(auth(w.commander))
        .send({ reason: 'dispute' }),
      200,
    );
  });
  beforeEach(() => at('2026-11-25T06:00:00Z'));
  afterAll(() => t.close());

  const stages = (counts: Partial<Record<(typeof STAGES)[number], number>>) =>
    Object.fromEntries(STAGES.map((stage) => [stage, counts[stage] ?? 0]));
  const village = (key: string, township: string, figures: Record<string, unknown>) => ({
    villageId: ids[key],
    villageName: names[ids[key]],
    townshipId: ids[township],
    townshipName: names[ids[township]],
    ...figures,
  });
  const lights = (green: number, yellow: number, red: number) => ({ green, yellow, red });

  it('shows the command centre every village, the lights and today’s numbers', async () => {
    const body = ok(await summary(w.commander), 200);
    expect(body.date).toBe('2026-11-25');
    expect(body.generatedAt).toBe('2026-11-25T06:00:00.000Z');
    expect(body.totals).toEqual({ households: 6, onHold: 1, lights: lights(3, 1, 2) });
    expect(body.stages).toHaveLength(12);
    expect(body.stages.slice(0, 3)).toEqual([
      { stage: 'registered', label: '已登记', count: 4, percent: 66.7 },
      { stage: 'surveyed', label: '实物已调查', count: 2, percent: 33.3 },
      { stage: 'indicators_confirmed', label: '实物指标已确认', count: 0, percent: 0 },
    ]);
    // Townships by name (矮寨镇… before 其他镇…), villages by name within (大兴寨村… before 德茹村…).
    expect(body.villages).toEqual([
      village('V1', 'T1', {
        households: 3,
        onHold: 0,
        stages: stages({ registered: 1, surveyed: 2 }),
        lights: lights(2, 1, 0),
      }),
      village('V3', 'T1', {
        households: 1,
        onHold: 1,
        stages: stages({ registered: 1 }),
        lights: lights(0, 0, 1),
      }),
      village('V2', 'T2', {
        households: 2,
        onHold: 0,
        stages: stages({ registered: 2 }),
        lights: lights(1, 0, 1),
      }),
    ]);
    // Visits: a1, c1 (00:30), b1 twice; a2's 23:30 visit was yesterday. Moves: a1 up, b1 up and back.
    expect(body.today).toEqual({
      visits: 4,
      householdsVisited: 3,
      stageMoves: 3,
      advances: 2,
      householdsAdvanced: 2,
      rollbacks: 1,
      problemsOpened: 1,
      problemsClosed: 1,
      problemsOverdue: 1,
      approvalsPending: 1,
    });
    // Supervisors and admins read the same screen.
    expect(ok(await summary(w.supervisor), 200)).toEqual(body);
    expect(ok(await summary(w.admin), 200)).toEqual(body);
  });

  it('shows a township official their township only, and a village official their village only', async () => {
    const township = ok(await summary(w.official.token), 200);
    expect(township.totals).toEqual({ households: 4, onHold: 1, lights: lights(2, 1, 1) });
    expect(township.villages.map((v: { villageId: string }) => v.villageId)).toEqual([ids.V1, ids.V3]);
    expect(township.today).toEqual({
      visits: 2,
      householdsVisited: 2,
      stageMoves: 1,
      advances: 1,
      householdsAdvanced: 1,
      rollbacks: 0,
      problemsOpened: 1,
      problemsClosed: 0,
      problemsOverdue: 0,
      approvalsPending: 1,
    });
    const other = ok(await summary(w.otherOfficial.token), 200);
    expect(other.totals).toEqual({ households: 2, onHold: 0, lights: lights(1, 0, 1) });
    expect(other.stages[0]).toEqual({ stage: 'registered', label: '已登记', count: 2, percent: 100 });
    expect(other.today).toEqual({
      visits: 2,
      householdsVisited: 1,
      stageMoves: 2,
      advances: 1,
      householdsAdvanced: 1,
      rollbacks: 1,
      problemsOpened: 0,
      problemsClosed: 1,
      problemsOverdue: 1,
      approvalsPending: 0,
    });
    const villageOnly = ok(await summary(villageOfficial.token), 200);
    expect(villageOnly.villages).toEqual([
      village('V3', 'T1', {
        households: 1,
        onHold: 1,
        stages: stages({ registered: 1 }),
        lights: lights(0, 0, 1),
      }),
    ]);
    expect(villageOnly.today).toMatchObject({
      visits: 1,
      householdsVisited: 1,
      stageMoves: 0,
      approvalsPending: 0,
    });
  });

  it('shows a cadre their own households only', async () => {
    const mine = ok(await summary(w.cadre.token), 200);
    expect(mine.totals).toEqual({ households: 3, onHold: 0, lights: lights(2, 1, 0) });
    expect(mine.villages.map((v: { villageId: string }) => v.villageId)).toEqual([ids.V1]);
    expect(mine.today).toEqual({
      visits: 1,
      householdsVisited: 1,
      stageMoves: 1,
      advances: 1,
      householdsAdvanced: 1,
      rollbacks: 0,
      problemsOpened: 1,
      problemsClosed: 0,
      problemsOverdue: 0,
      approvalsPending: 1,
    });
    const other = ok(await summary(w.otherCadre.token), 200);
    expect(other.totals).toEqual({ households: 3, onHold: 1, lights: lights(1, 0, 2) });
    expect(other.today).toMatchObject({ visits: 3, householdsVisited: 2, stageMoves: 2, problemsClosed: 1 });
  });

  it("opens today's 走访, 阶段推进 and 待审批 into the households and requests behind them, for every scope", async () => {
    const total = async (token: string, path: string) =>
      ok(await t.http.get(path).set(auth(token)), 200).total;
    const callers = {
      commander: w.commander,
      township: w.official.token,
      otherTownship: w.otherOfficial.token,
      village: villageOfficial.token,
      cadre: w.cadre.token,
      otherCadre: w.otherCadre.token,
    };
    for (const [who, token] of Object.entries(callers)) {
      const today = ok(await summary(token), 200).today;
      const figures = {
        householdsVisited: await total(token, '/api/v1/households?visitedOn=2026-11-25'),
        householdsAdvanced: await total(token, '/api/v1/households?advancedOn=2026-11-25'),
        approvalsPending: await total(token, '/api/v1/approvals?status=pending&waitingFor=anyone'),
      };
      expect({ who, ...figures }).toEqual({
        who,
        householdsVisited: today.householdsVisited,
        householdsAdvanced: today.householdsAdvanced,
        approvalsPending: today.approvalsPending,
      });
    }
    // Which households: a1, b1 and c1 visited today (a2's 23:30 visit was yesterday); a1 and b1 advanced (b1 then
    // rolled back: still an advance that day). Filters combine with the others.
    const codes = async (query: string) =>
      (
        ok(await t.http.get(`/api/v1/households?${query}`).set(auth(w.commander)), 200).items as {
          id: string;
        }[]
      )
        .map((h) => h.id)
        .sort();
    expect(await codes('visitedOn=2026-11-25')).toEqual([ids.a1, ids.b1, ids.c1].sort());
    expect(await codes('advancedOn=2026-11-25')).toEqual([ids.a1, ids.b1].sort());
    expect(await codes(`advancedOn=2026-11-25&villageId=${ids.V1}`)).toEqual([ids.a1]);
    expect(await codes('visitedOn=2026-11-24')).toEqual([ids.a2]);
    // As the end of the 24th knew it: nothing of the 25th yet.
    expect(await codes('visitedOn=2026-11-25&asOf=2026-11-24')).toEqual([]);
    // The commander's own queue (the command-centre level) is not the figure: the request waits at the township.
    expect(await total(w.commander, '/api/v1/approvals?status=pending')).toBe(0);
    const bad = await t.http.get('/api/v1/households?visitedOn=2026-02-30').set(auth(w.commander));
    expect([bad.status, bad.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    const badWaiting = await t.http
      .get('/api/v1/approvals?status=pending&waitingFor=all')
      .set(auth(w.commander));
    expect([badWaiting.status, badWaiting.body.code]).toEqual([400, 'VALIDATION_FAILED']);
  });

  it('moves "today" with the clock: the next day starts from zero, overdue and pending carry on', async () => {
    at('2026-11-25T16:00:00Z'); // 00:00 on the 26th in Shanghai
    const body = ok(await summary(w.commander), 200);
    expect(body.date).toBe('2026-11-26');
    expect(body.today).toEqual({
      visits: 0,
      householdsVisited: 0,
      stageMoves: 0,
      advances: 0,
      householdsAdvanced: 0,
      rollbacks: 0,
      problemsOpened: 0,
      problemsClosed: 0,
      problemsOverdue: 1,
      approvalsPending: 1,
    });
  });

  it('is described in the OpenAPI document, with the weekly bulletin', async () => {
    const paths = Object.keys(ok(await t.http.get('/docs-json'), 200).paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/v1/dashboard/summary',
        '/api/v1/bulletins/weekly/{weekStart}',
        '/api/v1/bulletins/weekly/{weekStart}/run',
        '/api/v1/bulletins/weekly/{weekStart}/export',
      ]),
    );
  });

  it('refuses handlers (403) and anonymous callers (401)', async () => {
    expect((await summary(w.handler.token)).status).toBe(403);
    expect((await t.http.get('/api/v1/dashboard/summary')).status).toBe(401);
  });
});
