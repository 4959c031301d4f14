import { MetricCatalogue } from '../../src/modules/daily-cycle/metrics/metric-catalogue';
import { METRICS, metricVersionsOf } from '../../src/modules/daily-cycle/metrics/metric-definitions';
import { auth, Factory, World } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';
import { createTestDatabase, TestDatabase } from '../support/test-database';

/**
 * Each stored report and bulletin records the metric versions it was computed with (docs/metrics.md): a
 * definition changed later (here: the table provided with `visits` and `completion` at version 2, the way a
 * test replaces the module's catalogue) leaves an old snapshot answering its own versions.
 */
describe('metric versions of stored snapshots', () => {
  let database: TestDatabase;
  let t: TestApp;
  let f: Factory;
  let w: World;

  const report = (date: string) => t.http.get(`/api/v1/reports/daily/${date}`).set(auth(w.commander));
  const bulletin = (week: string) => t.http.get(`/api/v1/bulletins/weekly/${week}`).set(auth(w.commander));
  const runReport = (date: string) => t.http.post(`/api/v1/cycle/${date}/run`).set(auth(w.commander));
  const runBulletin = (week: string) =>
    t.http.post(`/api/v1/bulletins/weekly/${week}/run`).set(auth(w.commander));
  async function settled(date: string) {
    for (let i = 0; i < 200; i++) {
      if ((await report(date)).status === 200) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`no report for ${date}`);
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    t = await createTestApp({}, { database });
    f = new Factory(t);
    w = await f.world();
    t.clock.set('2026-11-24T02:00:00Z');
    await f.household(w);
  });

  afterAll(async () => {
    await t?.close();
    await database?.drop();
  });

  it('stores the versions in use with each report and bulletin, and the API returns them', async () => {
    t.clock.set('2026-11-30T02:00:00Z');
    expect((await runReport('2026-11-25')).status).toBe(202);
    await settled('2026-11-25');
    const stored = (await report('2026-11-25')).body;
    expect(stored.metricVersions).toEqual(metricVersionsOf('daily_report'));
    expect(stored.metricVersions.visits).toBe(1);
    const run = await runBulletin('2026-11-23');
    expect(run.status).toBe(200);
    expect(run.body.bulletin.metricVersions).toEqual(metricVersionsOf('weekly_bulletin'));
    expect((await bulletin('2026-11-23')).body.metricVersions).toEqual(metricVersionsOf('weekly_bulletin'));
    const [row] = await t.dataSource.query(
      `SELECT metric_versions FROM daily_report WHERE date = '2026-11-25'`,
    );
    expect(JSON.parse(row.metric_versions)).toEqual(metricVersionsOf('daily_report'));
  });

  it('keeps an old snapshot’s versions after a definition changes; new ones use the new versions', async () => {
    const before = (await report('2026-11-25')).body;
    await t.close();
    const bumped = METRICS.map((m) =>
      m.id === 'visits' || m.id === 'completion' ? { ...m, version: m.version + 1 } : m,
    );
    t = await createTestApp(
      {},
      { database, overrides: [{ provide: MetricCatalogue, useValue: new MetricCatalogue(bumped) }] },
    );
    f = new Factory(t);
    w = { ...w, commander: await t.login('admin', 'admin-password') };
    t.clock.set('2026-12-08T02:00:00Z');

    const old = (await report('2026-11-25')).body;
    expect(old).toEqual(before);
    expect(old.metricVersions.visits).toBe(1);
    expect((await bulletin('2026-11-23')).body.metricVersions.completion).toBe(1);

    expect((await runReport('2026-12-01')).status).toBe(202);
    await settled('2026-12-01');
    const fresh = (await report('2026-12-01')).body;
    expect(fresh.metricVersions).toEqual({ ...metricVersionsOf('daily_report'), visits: 2 });
    const week = (await runBulletin('2026-11-30')).body.bulletin;
    expect(week.metricVersions).toEqual({ ...metricVersionsOf('weekly_bulletin'), completion: 2 });
  });

  it('answers null for a snapshot stored before versioning', async () => {
    await t.dataSource.query(`UPDATE daily_report SET metric_versions = NULL WHERE date = '2026-11-25'`);
    const old = await report('2026-11-25');
    expect(old.status).toBe(200);
    expect(old.body.metricVersions).toBeNull();
    expect(old.body.date).toBe('2026-11-25');
  });
});
