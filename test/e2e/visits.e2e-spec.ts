import { auth, Factory, World } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';

describe('visits: logging, idempotent upload and offline sync', () => {
  let t: TestApp;
  let f: Factory;
  let w: World;

  beforeAll(async () => {
    t = await createTestApp();
    f = new Factory(t);
    w = await f.world();
  });
  afterAll(() => t.close());

  const visitCount = async (householdId: string) =>
    Number(
      (
        await t.dataSource
          .createQueryBuilder()
          .select('count(*)', 'n')
          .from('visit', 'v')
          .where('v.household_id = :householdId', { householdId })
          .getRawOne()
      ).n,
    );

  const body = (overrides: Record<string, unknown> = {}) => ({
    visitedAt: '2026-11-20T10:00:00+08:00',
    method: 'in_person',
    summary: '入户宣讲补偿标准，户主基本认可',
    attitude: 'supportive',
    concerns: '担心过渡期住房',
    ...overrides,
  });

  it('gives each household its own latest visit when visits arrive together (one write batch)', async () => {
    const households = await Promise.all([1, 2, 3, 4].map(() => f.household(w)));
    // Posted at once, so the writer takes them into the same transactions; older ones are mixed in.
    const times = ['2026-11-21T01:00:00Z', '2026-11-22T02:00:00Z', '2026-11-20T03:00:00Z'];
    const responses = await Promise.all(
      households.flatMap((h, i) =>
        times.map((_, j) =>
          t.http
            .post(`/api/v1/households/${h.id}/visits`)
            .set(auth(w.cadre.token))
            .send(body({ visitedAt: times[(i + j) % times.length], concerns: null })),
        ),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(responses.map(() => 201));
    for (const h of households) {
      const stored = await t.http.get(`/api/v1/households/${h.id}`).set(auth(w.cadre.token));
      expect(stored.body.lastVisitAt).toBe('2026-11-22T02:00:00.000Z');
      expect(await visitCount(h.id)).toBe(3);
    }
  });

  it('logs a visit, moves lastVisitAt forward, and stores the Shanghai business date', async () => {
    const h = await f.household(w);
    const response = await t.http
      .post(`/api/v1/households/${h.id}/visits`)
      .set(auth(w.cadre.token))
      .send(body({ visitedAt: '2026-11-20T16:30:00Z', location: { lat: 28.33, lng: 109.6 } }));
    expect(response.status).toBe(201);
    // 16:30 UTC is 00:30 the next day in Shanghai.
    expect(response.body).toMatchObject({
      businessDate: '2026-11-21',
      cadreId: w.cadre.id,
      location: { lat: 28.33, lng: 109.6 },
    });
    const household = await t.http.get(`/api/v1/households/${h.id}`).set(auth(w.cadre.token));
    expect(household.body.lastVisitAt).toBe('2026-11-20T16:30:00.000Z');
    // A late upload of an older visit does not rewind lastVisitAt.
    await t.http
      .post(`/api/v1/households/${h.id}/visits`)
      .set(auth(w.cadre.token))
      .send(body({ visitedAt: '2026-11-01T10:00:00+08:00' }));
    expect((await t.http.get(`/api/v1/households/${h.id}`).set(auth(w.cadre.token))).body.lastVisitAt).toBe(
      '2026-11-20T16:30:00.000Z',
    );
    const listed = await t.http
      .get(`/api/v1/visits?householdId=${h.id}&from=2026-11-21&to=2026-11-21`)
      .set(auth(w.commander));
    expect(listed.body.total).toBe(1);
    expect(listed.body.items[0].id).toBe(response.body.id);
    expect(
      (await t.http.get(`/api/v1/households/${h.id}/timeline`).set(auth(w.commander))).body.items.filter(
        (e: { type: string }) => e.type === 'visit',
      ),
    ).toHaveLength(2);
  });

  it('stores a visit uploaded twice once; the same clientId with other content is 409', async () => {
    const h = await f.household(w);
    const first = await t.http
      .post(`/api/v1/households/${h.id}/visits`)
      .set(auth(w.cadre.token))
      .send(body({ clientId: 'dev1-0001' }));
    expect(first.status).toBe(201);
    const again = await t.http
      .post(`/api/v1/households/${h.id}/visits`)
      .set(auth(w.cadre.token))
      .send(body({ clientId: 'dev1-0001' }));
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    const changed = await t.http
      .post(`/api/v1/households/${h.id}/visits`)
      .set(auth(w.cadre.token))
      .send(body({ clientId: 'dev1-0001', summary: '另一条内容' }));
    expect(changed.status).toBe(409);
    expect(changed.body.code).toBe('CLIENT_ID_REUSED');
    expect(await visitCount(h.id)).toBe(1);
  });

  it('refuses bad visits with field messages, and other cadres get 404', async () => {
    const h = await f.household(w);
    const bad = await t.http
      .post(`/api/v1/households/${h.id}/visits`)
      .set(auth(w.cadre.token))
      .send({ visitedAt: 'yesterday', method: 'pigeon', summary: '', extra: 1 });
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'extra',
      'method',
      'summary',
      'visitedAt',
    ]);
    // The choices in Chinese, each with the value to send.
    expect(bad.body.details).toContainEqual({
      field: 'method',
      message: '取值无效，可选：入户走访（in_person）、电话（phone）、线上（online）',
    });
    const future = await t.http
      .post(`/api/v1/households/${h.id}/visits`)
      .set(auth(w.cadre.token))
      .send(body({ visitedAt: '2099-01-01T00:00:00Z' }));
    expect(future.status).toBe(400);
    expect(future.body.details[0]).toEqual({ field: 'visitedAt', message: '走访时间不能晚于当前时间' });
    expect(
      (await t.http.post(`/api/v1/households/${h.id}/visits`).set(auth(w.otherCadre.token)).send(body()))
        .status,
    ).toBe(404);
    expect(
      (await t.http.post(`/api/v1/households/${h.id}/visits`).set(auth(w.supervisor)).send(body())).status,
    ).toBe(403);
    expect(await visitCount(h.id)).toBe(0);
  });

  it('syncs an offline batch: sent twice, each visit is stored once; a changed resend is rejected; bad items do not block good ones', async () => {
    const h1 = await f.household(w);
    const h2 = await f.household(w);
    const other = await f.household(w, { cadreId: w.otherCadre.id });
    const batch = [
      { ...body(), householdId: h1.id, clientId: 'sync-a' },
      { ...body({ visitedAt: '2026-11-21T09:00:00+08:00' }), householdId: h2.id, clientId: 'sync-b' },
      { ...body(), householdId: other.id, clientId: 'sync-c' },
      { ...body({ method: 'telepathy' }), householdId: h1.id, clientId: 'sync-d' },
      { ...body({ visitedAt: '2026-11-22T09:00:00+08:00' }), householdId: h1.id, clientId: 'sync-e' },
    ];
    const first = await t.http.post('/api/v1/visits/sync').set(auth(w.cadre.token)).send({ visits: batch });
    expect(first.status).toBe(200);
    expect(first.body.results.map((r: { status: string }) => r.status)).toEqual([
      'created',
      'created',
      'rejected',
      'rejected',
      'created',
    ]);
    expect(first.body.results[2].error.code).toBe('HOUSEHOLD_NOT_FOUND');
    expect(first.body.results[3].error.details).toEqual([{ field: 'method', message: expect.any(String) }]);

    const second = await t.http.post('/api/v1/visits/sync').set(auth(w.cadre.token)).send({ visits: batch });
    expect(second.body.results.map((r: { status: string }) => r.status)).toEqual([
      'duplicate',
      'duplicate',
      'rejected',
      'rejected',
      'duplicate',
    ]);
    expect(second.body.results[0].visitId).toBe(first.body.results[0].visitId);
    expect(await visitCount(h1.id)).toBe(2);
    expect(await visitCount(h2.id)).toBe(1);
    expect(await visitCount(other.id)).toBe(0);

    const changed = await t.http
      .post('/api/v1/visits/sync')
      .set(auth(w.cadre.token))
      .send({ visits: [{ ...batch[0], summary: '改过的内容' }] });
    expect(changed.body.results[0]).toMatchObject({
      clientId: 'sync-a',
      status: 'rejected',
      error: { code: 'CLIENT_ID_REUSED' },
    });
    expect(await visitCount(h1.id)).toBe(2);
  });

  it('stores one visit when 20 uploads of one clientId race, and many visits at once each once', async () => {
    const h = await f.household(w);
    const racing = await Promise.all(
      Array.from({ length: 20 }, () =>
        t.http
          .post(`/api/v1/households/${h.id}/visits`)
          .set(auth(w.cadre.token))
          .send(body({ clientId: 'race-1' })),
      ),
    );
    expect(racing.filter((r) => r.status === 201)).toHaveLength(1);
    expect(racing.filter((r) => r.status === 200)).toHaveLength(19);
    expect(new Set(racing.map((r) => r.body.id)).size).toBe(1);
    // 30 different visits at once share group commits; each is stored and audited once.
    const many = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        t.http
          .post(`/api/v1/households/${h.id}/visits`)
          .set(auth(w.cadre.token))
          .send(body({ clientId: `many-${i}`, visitedAt: `2026-11-2${i % 7}T10:00:00+08:00` })),
      ),
    );
    expect(many.every((r) => r.status === 201)).toBe(true);
    expect(await visitCount(h.id)).toBe(31);
    await t.http.get('/api/v1/audit?pageSize=1').set(auth(w.admin));
    const audited = await t.dataSource
      .createQueryBuilder()
      .select('count(*)', 'n')
      .from('audit_entry', 'a')
      .where("a.household_id = :id AND a.action = 'visit'", { id: h.id })
      .getRawOne();
    expect(Number(audited.n)).toBe(31);
    const household = await t.http.get(`/api/v1/households/${h.id}`).set(auth(w.cadre.token));
    expect(household.body.lastVisitAt).toBe('2026-11-26T02:00:00.000Z');
  });

  it('limits a batch to 500 visits', async () => {
    const visits = Array.from({ length: 501 }, (_, i) => ({ clientId: `x${i}` }));
    const response = await t.http.post('/api/v1/visits/sync').set(auth(w.cadre.token)).send({ visits });
    expect(response.status).toBe(400);
    expect(response.body.details[0].field).toBe('visits');
  });
});
