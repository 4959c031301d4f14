import { auth, Factory, World } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';

describe('smoke: the app boots through migrations and answers', () => {
  let t: TestApp;
  let world: World;

  beforeAll(async () => {
    t = await createTestApp();
    world = await new Factory(t).world();
  });
  afterAll(() => t.close());

  it('serves health with the database up', async () => {
    const response = await t.http.get('/health');
    expect(response.status).toBe(200);
    expect(response.body.info.database.status).toBe('up');
  });

  it('creates and reads a household', async () => {
    const household = await new Factory(t).household(world);
    const response = await t.http.get(`/api/v1/households/${household.id}`).set(auth(world.commander));
    expect(response.status).toBe(200);
    expect(response.body.code).toBe(household.code);
    expect(response.body.members).toHaveLength(1);
  });
});
