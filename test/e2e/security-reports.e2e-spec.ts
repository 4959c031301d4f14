import * as ExcelJS from 'exceljs';
import { auth, Factory, World } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';
import { binary } from './ledger.support';

type Body = Record<string, any>;

/** Who reads which rows of the daily report, and what its workbooks may carry. */
describe('security: daily report scope, formula-like text in workbooks, API docs', () => {
  let t: TestApp;
  let f: Factory;
  let w: World;
  let trickster: { id: string; token: string };
  const DATE = '2026-11-25';
  const FORMULA = '=HYPERLINK("http://example.invalid","点我")';

  async function runCycle(date: string): Promise<void> {
    expect((await t.http.post(`/api/v1/cycle/${date}/run`).set(auth(w.commander))).status).toBe(202);
    for (let i = 0; i < 200; i++) {
      const status = await t.http.get(`/api/v1/cycle/${date}`).set(auth(w.commander));
      if (['done', 'skipped', 'failed'].includes(status.body.cycle?.status)) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('cycle did not finish');
  }

  beforeAll(async () => {
    t = await createTestApp();
    f = new Factory(t);
    w = await f.world();
    t.clock.set('2026-11-25T02:00:00Z');
    // A cadre whose display name an Excel user would run as a formula.
    const created = await t.http
      .post('/api/v1/users')
      .set(auth(w.admin))
      .send({ username: 'trickster', password: 'password-123', displayName: FORMULA, role: 'cadre' });
    expect(created.status).toBe(201);
    trickster = { id: created.body.id, token: await t.login('trickster', 'password-123') };
    await f.household(w, { cadreId: w.cadre.id });
    await f.household(w, { cadreId: trickster.id });
    await f.household(w, { villageId: w.otherVillageId, cadreId: w.otherCadre.id });
    t.clock.set('2026-11-25T12:00:00Z');
    await runCycle(DATE);
  });
  afterAll(() => t.close());

  const report = async (token: string) => {
    const response = await t.http.get(`/api/v1/reports/daily/${DATE}`).set(auth(token));
    expect(response.status).toBe(200);
    return response.body as Body;
  };

  it("an official reads only their own township's rows; the project's totals stay", async () => {
    const full = await report(w.commander);
    expect(full.byVillage.map((r: Body) => r.id).sort()).toEqual([w.villageId, w.otherVillageId].sort());
    expect(full.byCadre.map((r: Body) => r.cadreId)).toContain(w.otherCadre.id);

    const own = await report(w.official.token);
    expect(own.totals).toEqual(full.totals);
    expect(own.stages).toEqual(full.stages);
    expect(own.byVillage.map((r: Body) => r.id)).toEqual([w.villageId]);
    expect(own.byTownship.map((r: Body) => r.id)).toEqual([w.townshipId]);
    expect(own.byTaskForce).toEqual([]);
    expect(own.byCadre.map((r: Body) => r.cadreId).sort()).toEqual([w.cadre.id, trickster.id].sort());

    const other = await report(w.otherOfficial.token);
    expect(other.byVillage.map((r: Body) => r.id)).toEqual([w.otherVillageId]);
    expect(other.byCadre.map((r: Body) => r.cadreId)).toEqual([w.otherCadre.id]);
  });

  it("the official's export holds the same rows as their report", async () => {
    const response = await t.http
      .get(`/api/v1/reports/daily/${DATE}/export`)
      .set(auth(w.otherOfficial.token))
      .buffer(true)
      .parse(binary as never);
    expect(response.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.body);
    const villages = workbook.getWorksheet('按村')!;
    expect(villages.rowCount).toBe(2); // header + the official's one village
    const cadres = workbook.getWorksheet('按包户干部')!;
    expect(cadres.rowCount).toBe(2);
  });

  it('a name that starts like a formula is written as Text-formatted text, never a formula', async () => {
    const response = await t.http
      .get(`/api/v1/reports/daily/${DATE}/export`)
      .set(auth(w.commander))
      .buffer(true)
      .parse(binary as never);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.body);
    const sheet = workbook.getWorksheet('按包户干部')!;
    const cells: ExcelJS.Cell[] = [];
    sheet.eachRow((row) => row.eachCell((cell) => cells.push(cell)));
    const named = cells.find((cell) => JSON.stringify(cell.value).includes('HYPERLINK'))!;
    expect(named.type).not.toBe(ExcelJS.ValueType.Formula);
    expect(named.value).toEqual({ richText: [{ text: FORMULA }] });
    expect(named.numFmt).toBe('@');
    expect(response.body.toString('latin1')).not.toContain('<f>');
  });

  it('the weekly bulletin workbook writes it the same way', async () => {
    t.clock.set('2026-11-30T12:00:00Z');
    expect((await t.http.post('/api/v1/bulletins/weekly/2026-11-23/run').set(auth(w.commander))).status).toBe(
      200,
    );
    const response = await t.http
      .get('/api/v1/bulletins/weekly/2026-11-23/export')
      .set(auth(w.commander))
      .buffer(true)
      .parse(binary as never);
    t.clock.reset();
    expect(response.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.body);
    const cells: ExcelJS.Cell[] = [];
    workbook.getWorksheet('包户干部排名')!.eachRow((row) => row.eachCell((cell) => cells.push(cell)));
    const named = cells.filter((cell) => JSON.stringify(cell.value).includes('HYPERLINK'));
    expect(named.length).toBeGreaterThan(0);
    for (const cell of named) {
      expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
      expect(cell.numFmt).toBe('@');
    }
  });

  it('serves the API docs by default outside production', async () => {
    expect((await t.http.get('/docs-json')).status).toBe(200);
  });
});

describe('security: API docs behind API_DOCS', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ API_DOCS: 'false' });
  });
  afterAll(() => t.close());

  it('API_DOCS=false: no /docs and no /docs-json', async () => {
    expect((await t.http.get('/docs')).status).toBe(404);
    expect((await t.http.get('/docs-json')).status).toBe(404);
    expect((await t.http.get('/health')).status).toBe(200);
  });
});
