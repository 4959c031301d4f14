import type { TestApp } from '../support/test-app';

type Kind = 'sqlite' | 'postgres';
interface Documents {
  driver: string;
  report: string;
  bulletin: string;
}
const PG_URL = process.env.PG_TEST_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/**
 * The same events give the same daily report and weekly bulletin, byte for byte, on SQLite and PostgreSQL
 * (#15, part 5). One history is played through the HTTP API on a fresh database of each kind in this process,
 * whichever DB= the suite runs with. Entity column types are chosen when the entities are imported (by
 * DATABASE_URL), so each run loads the application in its own module registry.
 *
 * Only what differs by run, not by database, is replaced before comparing: the random UUIDs (by the name of
 * what they identify) and the audit checkpoint's hash and MAC (which hash those UUIDs); its entry count stays.
 */
async function play(kind: Kind): Promise<Documents> {
  const saved = { DB: process.env.DB, DATABASE_URL: process.env.DATABASE_URL };
  process.env.DB = kind;
  if (kind === 'postgres') process.env.DATABASE_URL = PG_URL;
  else delete process.env.DATABASE_URL;
  let result: Documents | undefined;
  try {
    await jest.isolateModulesAsync(async () => {
      const { createTestApp } = await import('../support/test-app');
      const { Factory, auth } = await import('../support/factories');
      const t: TestApp = await createTestApp();
      try {
        result = await history(t, new Factory(t), auth);
      } finally {
        await t.close();
      }
    });
  } finally {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
  return result!;
}

type FactoryType = InstanceType<typeof import('../support/factories').Factory>;

async function history(
  t: TestApp,
  f: FactoryType,
  auth: (token: string) => Record<string, string>,
): Promise<Documents> {
  const labels = new Map<string, string>();
  const label = (key: string, id: string) => {
    labels.set(id, key);
    return id;
  };
  const ok = (response: { status: number; body: unknown }, ...expected: number[]) => {
    if (!expected.includes(response.status))
      throw new Error(
        `expected ${expected.join('/')}, got ${response.status} ${JSON.stringify(response.body)}`,
      );
    return response.body as Record<string, any>;
  };
  const at = (iso: string) => t.clock.set(iso);

  const w = await f.world();
  for (const key of [
    'centreId',
    'townshipId',
    'villageId',
    'otherTownshipId',
    'otherVillageId',
    'taskForceId',
    'unitId',
  ] as const)
    label(key, w[key]);
  for (const key of ['cadre', 'otherCadre', 'official', 'otherOfficial', 'handler'] as const)
    label(key, w[key].id);
  const unit = async (key: string, name: string, kind: string, parentId: string) =>
    label(key, await f.orgUnit(w.admin, { name, kind, parentId }));
  const V3 = await unit('V3', '德茹村', 'village', w.townshipId);
  const V4 = await unit('V4', '聚福村', 'village', w.otherTownshipId);
  const TF2 = await unit('TF2', '第二专班', 'task_force', w.centreId);
  const U2 = await unit('U2', '水利局', 'unit', w.centreId);
  const cadreC = await f.user(w.admin, 'cadre', TF2);
  label('cadreC', cadreC.id);
  const handler2 = await f.user(w.admin, 'handler', U2);
  label('handler2', handler2.id);

  const version = async (id: string) =>
    ok(await t.http.get(`/api/v1/households/${id}`).set(auth(w.commander)), 200).version as number;
  const advance = async (id: string, to: string, approvers: string[] = []) => {
    const body = ok(
      await t.http
        .post(`/api/v1/households/${id}/transitions`)
        .set(auth(w.commander))
        .send({ to, version: await version(id) }),
      approvers.length ? 202 : 200,
    );
    for (const token of approvers)
      ok(
        await t.http
          .post(`/api/v1/approvals/${body.approval.id}/decision`)
          .set(auth(token))
          .send({ decision: 'approve' }),
        200,
      );
    t.clock.advance(60_000);
  };
  const visit = async (id: string, visitedAt: string) => {
    at(visitedAt);
    ok(
      await t.http
        .post(`/api/v1/households/${id}/visits`)
        .set(auth(w.commander))
        .send({ visitedAt, method: 'in_person', summary: '入户走访' }),
      201,
    );
  };
  const problem = async (key: string, householdId: string, severity: string) =>
    label(
      key,
      ok(
        await t.http
          .post('/api/v1/problems')
          .set(auth(w.commander))
          .send({
            householdId,
            category: 'compensation_dispute',
            severity,
            description: `补偿标准有疑问${key}`,
          }),
        201,
      ).id as string,
    );
  const act = async (token: string, id: string, action: string, body: Record<string, unknown>) =>
    ok(await t.http.post(`/api/v1/problems/${id}/${action}`).set(auth(token)).send(body), 200);
  const assign = (id: string, unitId: string) => act(w.commander, id, 'assign', { unitId });
  const resolve = (token: string, id: string) => act(token, id, 'resolve', { resolution: '已按政策答复' });
  const close = (id: string) => act(w.commander, id, 'feedback', { satisfied: true });
  const supervise = (id: string) => act(w.supervisor, id, 'supervise', {});
  const intent = async (id: string, option: string) =>
    ok(await t.http.post(`/api/v1/households/${id}/intent`).set(auth(w.commander)).send({ option }), 201);

  at('2026-11-02T02:00:00Z');
  const household = async (key: string, overrides: Record<string, unknown>) =>
    label(key, (await f.household(w, overrides)).id as string);
  const h1 = await household('h1', {
    villageId: w.villageId,
    taskForceId: w.taskForceId,
    cadreId: w.cadre.id,
  });
  const h2 = await household('h2', {
    villageId: w.villageId,
    taskForceId: w.taskForceId,
    cadreId: w.cadre.id,
    flags: ['low_income'],
  });
  const h3 = await household('h3', { villageId: V3, taskForceId: TF2, cadreId: w.otherCadre.id });
  const h4 = await household('h4', {
    villageId: w.otherVillageId,
    taskForceId: TF2,
    cadreId: w.otherCadre.id,
  });
  const h5 = await household('h5', { villageId: V4, taskForceId: w.taskForceId, cadreId: cadreC.id });
  const h7 = await household('h7', { villageId: V4, taskForceId: TF2 });

  at('2026-11-03T02:00:00Z');
  const P4 = await problem('P4', h3, 'p3');
  const P7 = await problem('P7', h1, 'p3');
  await assign(P4, U2);
  await assign(P7, w.unitId);

  at('2026-11-20T02:00:00Z');
  await advance(h1, 'surveyed');
  await advance(h3, 'surveyed');
  await advance(h3, 'indicators_confirmed', [w.official.token]);
  at('2026-11-20T03:00:00Z');
  const P1 = await problem('P1', h1, 'p2');
  await assign(P1, w.unitId);
  at('2026-11-22T02:00:00Z');
  await resolve(w.handler.token, P1);
  await visit(h4, '2026-11-22T02:00:00Z');

  at('2026-11-24T02:00:00Z');
  await close(P1);
  await visit(h1, '2026-11-24T02:00:00Z');
  const P2 = await problem('P2', h2, 'p3');
  await assign(P2, w.unitId);
  await supervise(P2);
  const P3 = await problem('P3', h4, 'p1');
  await assign(P3, U2);
  const h6 = await household('h6', { villageId: V4, taskForceId: TF2, cadreId: cadreC.id });

  // The report's date: moves, an approval left pending, an intent, visits, a problem opened and one closed, a hold.
  at('2026-11-25T02:00:00Z');
  await advance(h1, 'indicators_confirmed', [w.official.token]);
  await advance(h2, 'surveyed');
  await advance(h4, 'surveyed');
  await advance(h4, 'indicators_confirmed', [w.otherOfficial.token]);
  await intent(h4, 'central_gov_built');
  await advance(h4, 'intent_collected');
  ok(
    await t.http
      .post(`/api/v1/households/${h2}/transitions`)
      .set(auth(w.commander))
      .send({ to: 'indicators_confirmed', version: await version(h2) }),
    202,
  );
  await intent(h5, 'scattered');
  at('2026-11-25T03:00:00Z');
  await resolve(w.handler.token, P2);
  await close(P2);
  const P6 = await problem('P6', h2, 'p2');
  await assign(P6, U2);
  await visit(h5, '2026-11-25T04:00:00Z');
  await visit(h2, '2026-11-25T04:30:00Z');
  await visit(h2, '2026-11-25T05:00:00Z');
  at('2026-11-25T06:00:00Z');
  ok(
    await t.http
      .post(`/api/v1/households/${h7}/hold`)
      .set(auth(w.commander))
      .send({ reason: 'dispute', note: '宅基地边界纠纷' }),
    200,
  );

  at('2026-11-26T02:00:00Z');
  ok(
    await t.http
      .post(`/api/v1/households/${h3}/rollback`)
      .set(auth(w.commander))
      .send({ reason: '户主对面积有异议，重新调查', version: await version(h3) }),
    200,
  );
  const P5 = await problem('P5', h5, 'p2');
  await assign(P5, U2);
  at('2026-11-27T02:00:00Z');
  await resolve(handler2.token, P5);
  await visit(h3, '2026-11-27T03:00:00Z');
  at('2026-11-28T02:00:00Z');
  await close(P5);
  at('2026-11-29T15:59:00Z');
  await supervise(P4);
  at('2026-11-30T00:10:00Z');
  await supervise(P3);
  await advance(h6, 'surveyed');

  // Monday 10:00: the bulletin of the week, then the day's cycle for 11-25 (report, review, dispatch).
  at('2026-11-30T02:00:00Z');
  const bulletin = ok(
    await t.http.post('/api/v1/bulletins/weekly/2026-11-23/run').set(auth(w.commander)),
    200,
  );
  ok(await t.http.post('/api/v1/cycle/2026-11-25/run').set(auth(w.commander)), 202);
  for (let i = 0; ; i++) {
    const cycle = ok(await t.http.get('/api/v1/cycle/2026-11-25').set(auth(w.commander)), 200).cycle;
    if (cycle && ['done', 'skipped', 'failed'].includes(cycle.status)) break;
    if (i > 400) throw new Error('the cycle did not finish');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const report = ok(await t.http.get('/api/v1/reports/daily/2026-11-25').set(auth(w.commander)), 200);
  // The same day recomputed from the events (part 2 of #15) equals the stored report on each database.
  const recomputed = ok(
    await t.http.get('/api/v1/reports/daily/2026-11-25?recompute=true').set(auth(w.commander)),
    200,
  );
  if (!recomputed.recompute.compared || recomputed.recompute.differences.length)
    throw new Error(`recomputed 11-25 differs: ${JSON.stringify(recomputed.recompute)}`);
  if (report.auditCheckpoint)
    report.auditCheckpoint = { ...report.auditCheckpoint, head: '<head>', mac: '<mac>' };

  const stable = (body: unknown) => {
    const text = JSON.stringify(body).replace(UUID, (id) => `<${labels.get(id) ?? `unknown ${id}`}>`);
    if (text.includes('<unknown '))
      throw new Error(`an id the history did not name: ${text.match(/<unknown [^>]+>/)}`);
    return text;
  };
  return { driver: t.dataSource.options.type, report: stable(report), bulletin: stable(bulletin.bulletin) };
}

describe('the same history on SQLite and PostgreSQL', () => {
  it('gives byte-identical daily report and weekly bulletin JSON', async () => {
    const sqlite = await play('sqlite');
    const postgres = await play('postgres');
    expect([sqlite.driver, postgres.driver]).toEqual(['sqlite', 'postgres']);
    // Something to compare: the history reached every part of both documents.
    const report = JSON.parse(sqlite.report);
    expect(report.totals).toMatchObject({ visits: 3, householdsVisited: 2, approvalsPending: 1 });
    expect(report.totals).toMatchObject({ problemsOpened: 1, problemsClosed: 1 });
    const bulletin = JSON.parse(sqlite.bulletin);
    expect(bulletin.supervised.length).toBeGreaterThan(0);
    expect(bulletin.rankings.cadres.rows.length).toBe(3);
    expect(postgres.report).toBe(sqlite.report);
    expect(postgres.bulletin).toBe(sqlite.bulletin);
  });
});
