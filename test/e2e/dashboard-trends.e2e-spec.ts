import { auth, Factory, World } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';

type Day = {
  date: string;
  visits: number;
  householdsVisited: number;
  advances: number;
  problemsOpened: number;
};

/** GET /dashboard/trends: every business date of the window, counted over the caller's households. */
describe('dashboard trends', () => {
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    t = await createTestApp();
    const f = new Factory(t);
    w = await f.world();
    t.clock.set('2026-11-20T02:00:00Z');
    const mine = await f.household(w);
    const other = await f.household(w, { villageId: w.otherVillageId, cadreId: w.otherCadre.id });
    const visit = (id: string, token: string, visitedAt: string) =>
      t.http
        .post(`/api/v1/households/${id}/visits`)
        .set(auth(token))
        .send({ visitedAt, method: 'in_person', summary: '走访' });
    t.clock.set('2026-11-30T08:00:00Z');
    expect((await visit(mine.id, w.cadre.token, '2026-11-28T10:00:00+08:00')).status).toBe(201);
    expect((await visit(mine.id, w.cadre.token, '2026-11-28T15:00:00+08:00')).status).toBe(201);
    expect((await visit(other.id, w.otherCadre.token, '2026-11-29T23:30:00+08:00')).status).toBe(201);
    const moved = await t.http
      .post(`/api/v1/households/${mine.id}/transitions`)
      .set(auth(w.cadre.token))
      .send({ to: 'surveyed', version: 1 });
    expect(moved.status).toBe(200);
  });
  afterAll(() => t.close());

  const trends = async (token: string, days?: number) => {
    const response = await t.http
      .get(`/api/v1/dashboard/trends${days ? `?days=${days}` : ''}`)
      .set(auth(token));
    expect(response.status).toBe(200);
    return response.body as { from: string; to: string; days: Day[] };
  };

  it('has every date of the last 30, oldest first, with the day’s figures', async () => {
    const body = await trends(w.commander);
    expect(body).toMatchObject({ from: '2026-11-01', to: '2026-11-30' });
    expect(body.days).toHaveLength(30);
    const day = (date: string) => body.days.find((d) => d.date === date)!;
    expect(day('2026-11-28')).toMatchObject({ visits: 2, householdsVisited: 1 });
    expect(day('2026-11-29')).toMatchObject({ visits: 1, householdsVisited: 1 });
    expect(day('2026-11-30')).toMatchObject({ visits: 0, advances: 1 });
    expect(day('2026-11-01')).toMatchObject({ visits: 0, advances: 0, problemsOpened: 0 });
  });

  it('counts only the caller’s households, and takes a window of days', async () => {
    const cadre = await trends(w.cadre.token, 7);
    expect(cadre.days).toHaveLength(7);
    expect(cadre.days.find((d) => d.date === '2026-11-29')!.visits).toBe(0);
    const official = await trends(w.otherOfficial.token);
    expect(official.days.find((d) => d.date === '2026-11-29')!.visits).toBe(1);
    expect(official.days.find((d) => d.date === '2026-11-28')!.visits).toBe(0);
    expect((await t.http.get('/api/v1/dashboard/trends?days=0').set(auth(w.commander))).status).toBe(400);
    expect((await t.http.get('/api/v1/dashboard/trends').set(auth(w.handler.token))).status).toBe(403);
  });
});
