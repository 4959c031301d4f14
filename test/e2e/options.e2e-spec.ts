import { auth, Factory, World } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';

type Option = { value: string; label: string };

/** GET /options: the value lists screens show, with labels, for every signed-in role. */
describe('options: value lists with Chinese labels', () => {
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    t = await createTestApp();
    w = await new Factory(t).world();
  });
  afterAll(() => t.close());

  it('answers every role with ordered, labelled lists, and nobody signed out', async () => {
    for (const token of [
      w.admin,
      w.commander,
      w.supervisor,
      w.cadre.token,
      w.official.token,
      w.handler.token,
    ]) {
      const response = await t.http.get('/api/v1/options').set(auth(token));
      expect(response.status).toBe(200);
      for (const [name, list] of Object.entries(response.body as Record<string, Option[]>)) {
        expect({ name, empty: list.length === 0 }).toEqual({ name, empty: false });
        for (const option of list) expect(option.label).toMatch(/[\u4e00-\u9fff]/);
      }
    }
    expect((await t.http.get('/api/v1/options')).status).toBe(401);
  });

  it('lists the stages in lifecycle order and values the API accepts', async () => {
    const { body } = await t.http.get('/api/v1/options').set(auth(w.commander));
    expect(body.stages[0]).toEqual({ value: 'registered', label: '已登记' });
    expect(body.stages.at(-1)).toEqual({ value: 'closed', label: '已销号' });
    expect(body.stages).toHaveLength(12);
    // Every listed value is one the filters accept (and an unlisted one is refused).
    for (const stage of body.stages as Option[])
      expect(
        (await t.http.get(`/api/v1/households?stage=${stage.value}`).set(auth(w.commander))).status,
      ).toBe(200);
    expect((await t.http.get('/api/v1/households?stage=nope').set(auth(w.commander))).status).toBe(400);
    for (const category of body.problemCategories as Option[])
      expect(
        (await t.http.get(`/api/v1/problems?category=${category.value}`).set(auth(w.commander))).status,
      ).toBe(200);
    expect(body.visitMethods.map((o: Option) => o.value)).toEqual(['in_person', 'phone', 'online']);
    // Ethnicities by their GB 3304 code: 汉族 (01) first, 苗族 (06) and 土家族 (15) where the ledger clerk expects.
    const codes = (body.ethnicities as Option[]).map((o) => o.value);
    expect(codes).toEqual([...codes].sort());
    expect(body.ethnicities[0]).toEqual({ value: '01', label: '汉族' });
  });

  it('answers compressed when the client accepts it (a phone on a weak signal), plain otherwise', async () => {
    const zipped = await t.http
      .get('/api/v1/options')
      .set(auth(w.cadre.token))
      .set('Accept-Encoding', 'gzip');
    expect(zipped.status).toBe(200);
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.body.stages).toHaveLength(12); // the client unzips it to the same JSON
    const plain = await t.http
      .get('/api/v1/options')
      .set(auth(w.cadre.token))
      .set('Accept-Encoding', 'identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toEqual(zipped.body);
  });
});
