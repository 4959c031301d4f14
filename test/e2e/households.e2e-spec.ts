import { HouseholdEntity } from '../../src/modules/households/entities/household.entity';
import {
  auth,
  birthDateOf,
  Factory,
  insertUsers,
  residentId,
  setHouseholdColumns,
  World,
} from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';

type Body = Record<string, any>;

describe('households: create, read, list, filter, page, sort, edit, assign', () => {
  let t: TestApp;
  let factory: Factory;
  let world: World;
  let cadreB: { id: string; token: string };
  /** h1..h6 by code: the fixed data set the list tests query. */
  const h: Record<string, Body> = {};
  const memberId = residentId('female', '1958-03-15');

  let extra = 0;
  /** Households beyond the fixed set get head names starting with 田, so the name searches stay exact. */
  const create = (overrides: Body, token = world.admin) =>
    t.http
      .post('/api/v1/households')
      .set(auth(token))
      .send(factory.householdBody(world.villageId, { headName: `田${++extra}`, ...overrides }));
  const list = async (query: string, token = world.commander) => {
    const response = await t.http.get(`/api/v1/households?${query}`).set(auth(token));
    expect(response.status).toBe(200);
    return response.body as { items: Body[]; total: number; page: number; pageSize: number };
  };
  const codes = async (query: string) => (await list(query)).items.map((item) => item.code);

  beforeAll(async () => {
    t = await createTestApp();
    factory = new Factory(t);
    world = await factory.world();
    cadreB = world.otherCadre;
    const specs: [string, Body][] = [
      [
        'AZ-DXZ-0001',
        {
          headName: '龙老三',
          cadreId: world.cadre.id,
          taskForceId: world.taskForceId,
          flags: ['low_income'],
        },
      ],
      ['AZ-DXZ-0002', { headName: '石秀英', cadreId: cadreB.id, flags: ['disabled', 'low_income'] }],
      ['AZ-PT-0001', { headName: '龙家旺', villageId: world.otherVillageId }],
      [
        'HY-0001',
        {
          headName: '麻老四',
          cadreId: world.cadre.id,
          members: [
            {
              name: '吴秀兰',
              idNumber: memberId,
              sex: 'female',
              birthDate: '1958-03-15',
              relation: 'spouse',
            },
          ],
        },
      ],
      ['AZ-DXZ-0003', { headName: '龙小五', flags: ['elderly_alone'] }],
      ['HY-0002', { headName: '向大海', villageId: world.otherVillageId, flags: ['military_family'] }],
    ];
    for (const [index, [code, overrides]] of specs.entries()) {
      t.clock.set(`2026-11-20T0${index}:00:00Z`);
      const response = await create({ code, ...overrides });
      if (response.status !== 201) throw new Error(`${code}: ${JSON.stringify(response.body)}`);
      h[code] = response.body;
    }
    t.clock.reset();
    // Workflow columns owned by later modules, set directly so each filter has something to find.
    await setHouseholdColumns(t, h['AZ-DXZ-0002'].id, {
      stage: 'surveyed',
      intentOption: 'scattered',
      light: 'yellow',
    });
    await setHouseholdColumns(t, h['AZ-PT-0001'].id, { onHold: true, holdReason: 'dispute', light: 'red' });
    await setHouseholdColumns(t, h['HY-0002'].id, { stage: 'agreement_signed', intentOption: 'cash' });
    await setHouseholdColumns(t, h['AZ-DXZ-0003'].id, { stage: 'intent_collected' });
  });
  afterAll(() => t.close());
  afterEach(() => t.clock.reset());

  describe('create and read', () => {
    it('creates a household at stage registered, intent undecided, version 1, with its head as first member', async () => {
      t.clock.set('2026-11-27T08:30:00Z');
      const head = residentId('male', '1955-01-01');
      const child = residentId('male', '1985-07-20');
      const response = await create({
        code: 'AZ-NEW-0001',
        headName: '田老大',
        headIdNumber: head,
        phone: '13812345678',
        group: '3组',
        address: '矮寨镇大兴寨村3组12号',
        flags: ['poverty_monitored'],
        house: { floorArea: 126.5, structure: 'brick_timber' },
        taskForceId: world.taskForceId,
        cadreId: world.cadre.id,
        members: [
          {
            name: '龙小大',
            idNumber: child,
            sex: 'male',
            birthDate: '1985-07-20',
            relation: 'child',
            ethnicity: '06',
          },
        ],
      });
      expect(response.status).toBe(201);
      const body = response.body;
      expect(body).toMatchObject({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        code: 'AZ-NEW-0001',
        headName: '田老大',
        headIdNumber: `${head.slice(0, 6)}********${head.slice(-4)}`,
        phone: '138****5678',
        villageId: world.villageId,
        townshipId: world.townshipId,
        taskForceId: world.taskForceId,
        group: '3组',
        address: '矮寨镇大兴寨村3组12号',
        stage: 'registered',
        intent: { option: 'undecided', site: null, livelihood: null, recordedAt: null },
        cadre: { id: world.cadre.id, displayName: expect.any(String) },
        onHold: false,
        holdReason: null,
        flags: ['poverty_monitored'],
        house: { floorArea: 126.5, structure: 'brick_timber' },
        lastVisitAt: null,
        openProblems: 0,
        version: 1,
        createdAt: '2026-11-27T08:30:00.000Z',
        updatedAt: '2026-11-27T08:30:00.000Z',
      });
      expect(body.members).toEqual([
        expect.objectContaining({ name: '田老大', relation: 'head', sex: 'male', birthDate: '1955-01-01' }),
        expect.objectContaining({
          name: '龙小大',
          relation: 'child',
          sex: 'male',
          birthDate: '1985-07-20',
          ethnicity: '06',
        }),
      ]);

      const read = await t.http.get(`/api/v1/households/${body.id}`).set(auth(world.commander));
      expect(read.status).toBe(200);
      expect(read.body).toEqual(body);
      const [row] = await t.dataSource.getRepository(HouseholdEntity).findBy({ code: 'AZ-NEW-0001' });
      expect(row.version).toBe(1);
    });

    it('returns the stored member ids (in order) on create and on edit', async () => {
      const member = (relation: string, name: string) => {
        const sex = relation === 'spouse' ? 'female' : 'male';
        const idNumber = residentId(sex);
        return { name, idNumber, sex, birthDate: birthDateOf(idNumber), relation };
      };
      const names = ['甲', '乙', '丙', '丁', '戊', '己'];
      const created = await create({
        code: 'AZ-MEMBERS-0001',
        members: names.map((name, i) => member(i === 0 ? 'spouse' : 'child', name)),
      });
      expect(created.status).toBe(201);
      const pairs = (members: Body[]) => members.map((m) => [m.id, m.name, m.relation]);
      const read = async () =>
        (await t.http.get(`/api/v1/households/${created.body.id}`).set(auth(world.admin))).body.members;
      expect(pairs(created.body.members)).toEqual(pairs(await read()));
      expect(created.body.members.map((m: Body) => m.name).slice(1)).toEqual(names);

      const edited = await t.http
        .patch(`/api/v1/households/${created.body.id}`)
        .set(auth(world.admin))
        .send({ version: 1, members: names.reverse().map((name) => member('child', name)) });
      expect(edited.status).toBe(200);
      expect(pairs(edited.body.members)).toEqual(pairs(await read()));
      expect(edited.body.members.map((m: Body) => m.name).slice(1)).toEqual(names);
    });

    it('answers 404 for an unknown id and for a path id that is not a UUID', async () => {
      const unknown = await t.http
        .get('/api/v1/households/00000000-0000-4000-8000-000000000000')
        .set(auth(world.admin));
      expect(unknown.status).toBe(404);
      expect(unknown.body.code).toBe('HOUSEHOLD_NOT_FOUND');
      for (const path of ['not-a-uuid', '12345', 'AZ-DXZ-0001']) {
        expect((await t.http.get(`/api/v1/households/${path}`).set(auth(world.admin))).status).toBe(404);
        const patch = await t.http
          .patch(`/api/v1/households/${path}`)
          .set(auth(world.admin))
          .send({ version: 1 });
        expect(patch.status).toBe(404);
      }
    });
  });

  describe('list', () => {
    it('pages with the total, in code order by default, masked', async () => {
      const all = await list('villageId=' + world.villageId + '&pageSize=200');
      const expected = all.items.map((i) => i.code);
      expect(expected).toEqual([...expected].sort());

      const pages: string[] = [];
      for (let page = 1; page <= 3; page++) {
        const body = await list(`villageId=${world.villageId}&pageSize=2&page=${page}`);
        expect(body).toMatchObject({ total: all.total, page, pageSize: 2 });
        pages.push(...body.items.map((i) => i.code));
      }
      expect(pages).toEqual(expected.slice(0, 6));
      const beyond = await list(`villageId=${world.villageId}&pageSize=2&page=50`);
      expect(beyond.items).toEqual([]);
      expect(beyond.total).toBe(all.total);

      const item = all.items.find((i) => i.code === 'AZ-DXZ-0001')!;
      expect(item.headIdNumber).toMatch(/^\d{6}\*{8}[\dX]{4}$/);
      expect(item.phone).toMatch(/^1\d{2}\*{4}\d{4}$/);
      expect(item.cadre).toEqual({ id: world.cadre.id, displayName: expect.any(String) });
    });

    it('defaults to page 1 of 20', async () => {
      const body = await list('');
      expect(body.page).toBe(1);
      expect(body.pageSize).toBe(20);
      expect(body.total).toBeGreaterThanOrEqual(6);
    });

    it('filters by village and by township', async () => {
      expect(await codes(`villageId=${world.otherVillageId}`)).toEqual(['AZ-PT-0001', 'HY-0002']);
      expect(await codes(`townshipId=${world.otherTownshipId}`)).toEqual(['AZ-PT-0001', 'HY-0002']);
      const township = await codes(`townshipId=${world.townshipId}`);
      expect(township).toEqual(
        expect.arrayContaining(['AZ-DXZ-0001', 'AZ-DXZ-0002', 'AZ-DXZ-0003', 'HY-0001']),
      );
      expect(township).not.toContain('AZ-PT-0001');
    });

    it('filters by task force, cadre, stage, intent, light, flag and hold', async () => {
      expect(await codes(`taskForceId=${world.taskForceId}&q=AZ-DXZ`)).toEqual(['AZ-DXZ-0001']);
      expect(await codes(`cadreId=${world.cadre.id}&q=AZ-DXZ`)).toEqual(['AZ-DXZ-0001']);
      expect(await codes(`cadreId=${cadreB.id}`)).toEqual(['AZ-DXZ-0002']);
      expect(await codes('stage=surveyed')).toEqual(['AZ-DXZ-0002']);
      expect(await codes('stage=agreement_signed')).toEqual(['HY-0002']);
      expect(await codes('intent=scattered')).toEqual(['AZ-DXZ-0002']);
      expect(await codes('intent=cash')).toEqual(['HY-0002']);
      expect(await codes('light=yellow')).toEqual(['AZ-DXZ-0002']);
      expect(await codes('light=red')).toEqual(['AZ-PT-0001']);
      expect(await codes('flag=low_income')).toEqual(['AZ-DXZ-0001', 'AZ-DXZ-0002']);
      expect(await codes('flag=disabled')).toEqual(['AZ-DXZ-0002']);
      expect(await codes('flag=military_family')).toEqual(['HY-0002']);
      expect(await codes('onHold=true')).toEqual(['AZ-PT-0001']);
      const notOnHold = await codes(`onHold=false&villageId=${world.otherVillageId}`);
      expect(notOnHold).toEqual(['HY-0002']);
    });

    it('combines filters with AND', async () => {
      expect(await codes(`villageId=${world.villageId}&flag=low_income&cadreId=${world.cadre.id}`)).toEqual([
        'AZ-DXZ-0001',
      ]);
      expect(await codes(`villageId=${world.otherVillageId}&flag=low_income`)).toEqual([]);
      expect((await list(`stage=surveyed&light=red`)).total).toBe(0);
    });

    it('searches q by code prefix (any case), head-name prefix, or an exact resident ID of any member', async () => {
      expect(await codes('q=AZ-DXZ-000')).toEqual(['AZ-DXZ-0001', 'AZ-DXZ-0002', 'AZ-DXZ-0003']);
      expect(await codes('q=az-dxz-000')).toEqual(['AZ-DXZ-0001', 'AZ-DXZ-0002', 'AZ-DXZ-0003']);
      expect(await codes('q=HY-')).toEqual(['HY-0001', 'HY-0002']);
      expect(await codes('q=DXZ')).toEqual([]); // a prefix, not a substring
      expect(await codes(`q=${encodeURIComponent('龙')}`)).toEqual([
        'AZ-DXZ-0001',
        'AZ-DXZ-0003',
        'AZ-PT-0001',
      ]);
      expect(await codes(`q=${encodeURIComponent('石秀')}`)).toEqual(['AZ-DXZ-0002']);
      expect(await codes(`q=${encodeURIComponent('秀英')}`)).toEqual([]);

      // The head's number, and a member's number, find the household; the full number is never returned.
      const headIdOfH1 = await t.http
        .get(`/api/v1/households/${h['AZ-DXZ-0001'].id}?reveal=true`)
        .set(auth(world.commander));
      const headNumber: string = headIdOfH1.body.headIdNumber;
      expect(await codes(`q=${headNumber}`)).toEqual(['AZ-DXZ-0001']);
      expect(await codes(`q=${memberId}`)).toEqual(['HY-0001']);
      expect(await codes(`q=${memberId.slice(0, 17)}${memberId[17] === '0' ? '1' : '0'}`)).toEqual([]);
      // The ID search is exact: a prefix of a number finds nothing.
      expect(await codes(`q=${headNumber.slice(0, 10)}`)).toEqual([]);
    });

    it('sorts by code, head name, stage (in lifecycle order) and update time, either way', async () => {
      const scope = `villageId=${world.otherVillageId}`;
      expect(await codes(`${scope}&sort=code`)).toEqual(['AZ-PT-0001', 'HY-0002']);
      expect(await codes(`${scope}&sort=-code`)).toEqual(['HY-0002', 'AZ-PT-0001']);
      const dxz = 'q=AZ-DXZ';
      expect(await codes(`${dxz}&sort=-code`)).toEqual(['AZ-DXZ-0003', 'AZ-DXZ-0002', 'AZ-DXZ-0001']);
      // registered < surveyed < intent_collected < agreement_signed, though not alphabetically.
      expect(await codes(`${dxz}&sort=stage`)).toEqual(['AZ-DXZ-0001', 'AZ-DXZ-0002', 'AZ-DXZ-0003']);
      expect(await codes(`${dxz}&sort=-stage`)).toEqual(['AZ-DXZ-0003', 'AZ-DXZ-0002', 'AZ-DXZ-0001']);
      expect(await codes(`${scope}&sort=-stage`)).toEqual(['HY-0002', 'AZ-PT-0001']);
      // Created at 00:00, 01:00, 04:00 on 2026-11-20.
      expect(await codes(`${dxz}&sort=updatedAt`)).toEqual(['AZ-DXZ-0001', 'AZ-DXZ-0002', 'AZ-DXZ-0003']);
      expect(await codes(`${dxz}&sort=-updatedAt`)).toEqual(['AZ-DXZ-0003', 'AZ-DXZ-0002', 'AZ-DXZ-0001']);
      const byName = (await list(`${dxz}&sort=headName`)).items.map((i) => i.headName);
      expect(byName).toEqual([...byName].sort());
      const byNameDesc = (await list(`${dxz}&sort=-headName`)).items.map((i) => i.headName);
      expect(byNameDesc).toEqual([...byName].reverse());
    });

    it('refuses unknown filter values with 400 per field', async () => {
      const cases: [string, string][] = [
        ['stage=flying', 'stage'],
        ['intent=maybe', 'intent'],
        ['light=blue', 'light'],
        ['flag=rich', 'flag'],
        ['villageId=not-a-uuid', 'villageId'],
        ['townshipId=1', 'townshipId'],
        ['taskForceId=x', 'taskForceId'],
        ['cadreId=x', 'cadreId'],
        ['onHold=maybe', 'onHold'],
        ['sort=password', 'sort'],
        ['page=0', 'page'],
        ['page=abc', 'page'],
        ['pageSize=201', 'pageSize'],
        ['pageSize=0', 'pageSize'],
        ['colour=red', 'colour'],
      ];
      for (const [query, field] of cases) {
        const response = await t.http.get(`/api/v1/households?${query}`).set(auth(world.commander));
        expect({ query, status: response.status }).toEqual({ query, status: 400 });
        expect(response.body.code).toBe('VALIDATION_FAILED');
        expect(response.body.details.map((d: Body) => d.field)).toContain(field);
        expect(response.body.details.every((d: Body) => /[\u4e00-\u9fff]/.test(d.message))).toBe(true);
      }
    });
  });

  describe('edit', () => {
    it('changes the sent fields, bumps the version by one and keeps the rest', async () => {
      const created = (await create({ code: 'AZ-EDIT-0001', cadreId: world.cadre.id, group: '1组' })).body;
      t.clock.set('2026-11-28T02:00:00Z');
      const response = await t.http
        .patch(`/api/v1/households/${created.id}`)
        .set(auth(world.cadre.token))
        .send({
          version: 1,
          address: '新地址',
          flags: ['disabled'],
          house: { floorArea: 88, structure: 'frame' },
          note: '已核实',
        });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        id: created.id,
        code: 'AZ-EDIT-0001',
        group: '1组',
        address: '新地址',
        flags: ['disabled'],
        house: { floorArea: 88, structure: 'frame' },
        note: '已核实',
        version: 2,
        createdAt: created.createdAt,
        updatedAt: '2026-11-28T02:00:00.000Z',
      });
      const read = await t.http.get(`/api/v1/households/${created.id}`).set(auth(world.admin));
      expect(read.body).toMatchObject({ address: '新地址', version: 2 });
    });

    it('clears optional fields sent as null', async () => {
      const created = (
        await create({
          code: 'AZ-EDIT-NULL',
          group: '1组',
          address: '旧址',
          flags: ['disabled'],
          house: { floorArea: 60, structure: 'timber' },
          taskForceId: world.taskForceId,
        })
      ).body;
      expect(created.phone).not.toBeNull();
      const response = await t.http.patch(`/api/v1/households/${created.id}`).set(auth(world.admin)).send({
        version: 1,
        phone: null,
        house: null,
        address: null,
        group: null,
        flags: [],
        taskForceId: null,
      });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        phone: null,
        house: null,
        address: null,
        group: null,
        flags: [],
        taskForceId: null,
        version: 2,
      });
      const [row] = await t.dataSource.query(
        `SELECT phone_enc, house_structure FROM household WHERE id = '${created.id}'`,
      );
      expect(row).toEqual({ phone_enc: null, house_structure: null });
    });

    it('replaces members, moves village (and township) and renames the head', async () => {
      const created = (await create({ code: 'AZ-EDIT-0002' })).body;
      const spouse = residentId('female');
      const response = await t.http
        .patch(`/api/v1/households/${created.id}`)
        .set(auth(world.commander))
        .send({
          version: 1,
          headName: '田新名',
          villageId: world.otherVillageId,
          members: [
            {
              name: '配偶',
              idNumber: spouse,
              sex: 'female',
              birthDate: birthDateOf(spouse),
              relation: 'spouse',
            },
          ],
        });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        headName: '田新名',
        villageId: world.otherVillageId,
        townshipId: world.otherTownshipId,
        version: 2,
      });
      expect(response.body.members.map((m: Body) => [m.name, m.relation])).toEqual([
        ['田新名', 'head'],
        ['配偶', 'spouse'],
      ]);
      const members = await t.dataSource.query(
        `SELECT COUNT(*) AS n FROM household_member WHERE household_id = '${created.id}'`,
      );
      expect(Number(members[0].n)).toBe(2);
    });
  });

  describe('bulk assignment', () => {
    it('assigns every listed household to the cadre in one request', async () => {
      const a = (await create({ code: 'AZ-ASSIGN-0001' })).body;
      const b = (await create({ code: 'AZ-ASSIGN-0002', cadreId: world.cadre.id })).body;
      const response = await t.http
        .post('/api/v1/households/assignments')
        .set(auth(world.commander))
        .send({ householdIds: [a.id, b.id], cadreId: cadreB.id });
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ assigned: 2 });
      for (const household of [a, b]) {
        const read = await t.http.get(`/api/v1/households/${household.id}`).set(auth(cadreB.token));
        expect(read.status).toBe(200);
        expect(read.body.cadre.id).toBe(cadreB.id);
        expect(read.body.version).toBe(household.version + 1);
      }
      // The previous cadre no longer sees b.
      expect((await t.http.get(`/api/v1/households/${b.id}`).set(auth(world.cadre.token))).status).toBe(404);
    });

    it('changes nothing when one id is unknown, and says which (404)', async () => {
      const a = (await create({ code: 'AZ-ASSIGN-0003', cadreId: world.cadre.id })).body;
      const b = (await create({ code: 'AZ-ASSIGN-0004' })).body;
      const missing = '00000000-0000-4000-8000-0000000000aa';
      const response = await t.http
        .post('/api/v1/households/assignments')
        .set(auth(world.commander))
        .send({ householdIds: [a.id, missing, b.id], cadreId: cadreB.id });
      expect(response.status).toBe(404);
      expect(response.body.code).toBe('HOUSEHOLD_NOT_FOUND');
      expect(response.body.details).toEqual([{ field: 'householdIds', message: `${missing} 不存在` }]);
      const rows = await t.dataSource.getRepository(HouseholdEntity).findBy([{ id: a.id }, { id: b.id }]);
      const byId = new Map(rows.map((r) => [r.id, r]));
      expect(byId.get(a.id)).toMatchObject({ cadreId: world.cadre.id, version: 1 });
      expect(byId.get(b.id)).toMatchObject({ cadreId: null, version: 1 });
    });

    it('refuses a target who is not an active cadre, an empty list, and callers other than admin/commander', async () => {
      const a = (await create({ code: 'AZ-ASSIGN-0005' })).body;
      const [inactive] = await insertUsers(t, 'cadre', world.taskForceId, 1);
      await t.dataSource.query(`UPDATE app_user SET active = false WHERE id = '${inactive.id}'`);
      const official = await t.http.get('/api/v1/auth/me').set(auth(world.official.token));
      for (const cadreId of [official.body.id, inactive.id, '00000000-0000-4000-8000-0000000000bb']) {
        const response = await t.http
          .post('/api/v1/households/assignments')
          .set(auth(world.commander))
          .send({ householdIds: [a.id], cadreId });
        expect(response.status).toBe(400);
        expect(response.body.details).toEqual([
          { field: 'cadreId', message: expect.stringMatching(/包户干部/) },
        ]);
      }
      const empty = await t.http
        .post('/api/v1/households/assignments')
        .set(auth(world.commander))
        .send({ householdIds: [], cadreId: cadreB.id });
      expect(empty.status).toBe(400);
      expect(empty.body.details.map((d: Body) => d.field)).toContain('householdIds');
      const badId = await t.http
        .post('/api/v1/households/assignments')
        .set(auth(world.commander))
        .send({ householdIds: ['x'], cadreId: cadreB.id });
      expect(badId.status).toBe(400);

      for (const token of [world.supervisor, world.cadre.token, world.official.token, world.handler.token]) {
        const response = await t.http
          .post('/api/v1/households/assignments')
          .set(auth(token))
          .send({ householdIds: [a.id], cadreId: cadreB.id });
        expect(response.status).toBe(403);
      }
      const row = await t.dataSource.getRepository(HouseholdEntity).findOneBy({ id: a.id });
      expect(row).toMatchObject({ cadreId: null, version: 1 });
    });
  });

  describe('org units, health and the API description', () => {
    it('lists org units flat, each with its parent', async () => {
      const response = await t.http.get('/api/v1/org-units').set(auth(world.cadre.token));
      expect(response.status).toBe(200);
      const byId = new Map(response.body.map((u: Body) => [u.id, u]));
      expect(byId.get(world.villageId)).toMatchObject({ kind: 'village', parentId: world.townshipId });
      expect(byId.get(world.townshipId)).toMatchObject({ kind: 'township', parentId: world.centreId });
      const orphan = await t.http
        .post('/api/v1/org-units')
        .set(auth(world.admin))
        .send({ name: '无主村', kind: 'village' });
      expect(orphan.status).toBe(400);
      expect(orphan.body.details[0].field).toBe('parentId');
    });

    it('serves health', async () => {
      const response = await t.http.get('/health');
      expect(response.status).toBe(200);
      expect(response.body.info.database.status).toBe('up');
    });

    it('describes the registry endpoints in /docs-json', async () => {
      const response = await t.http.get('/docs-json');
      expect(response.status).toBe(200);
      const doc = response.body;
      expect(doc.openapi).toMatch(/^3\./);
      const expected: [string, string][] = [
        ['/api/v1/auth/login', 'post'],
        ['/api/v1/auth/me', 'get'],
        ['/api/v1/users', 'post'],
        ['/api/v1/users', 'get'],
        ['/api/v1/users/{id}', 'patch'],
        ['/api/v1/users/{id}/deactivate', 'post'],
        ['/api/v1/org-units', 'post'],
        ['/api/v1/org-units', 'get'],
        ['/api/v1/households', 'post'],
        ['/api/v1/households', 'get'],
        ['/api/v1/households/{id}', 'get'],
        ['/api/v1/households/{id}', 'patch'],
        ['/api/v1/households/assignments', 'post'],
        ['/api/v1/audit', 'get'],
        ['/api/v1/audit/verify', 'get'],
      ];
      for (const [path, method] of expected)
        expect({ path, method, found: !!doc.paths[path]?.[method] }).toEqual({ path, method, found: true });
      const listParams = doc.paths['/api/v1/households'].get.parameters.map((p: Body) => p.name);
      expect(listParams).toEqual(
        expect.arrayContaining([
          'villageId',
          'townshipId',
          'taskForceId',
          'stage',
          'intent',
          'cadreId',
          'light',
          'flag',
          'onHold',
          'q',
          'page',
          'pageSize',
          'sort',
        ]),
      );
      const createRef: string =
        doc.paths['/api/v1/households'].post.requestBody.content['application/json'].schema.$ref;
      const createSchema = doc.components.schemas[createRef.split('/').pop()!];
      expect(createSchema.required).toEqual(
        expect.arrayContaining(['code', 'headName', 'headIdNumber', 'villageId']),
      );
      expect(Object.keys(createSchema.properties)).toEqual(
        expect.arrayContaining(['phone', 'group', 'address', 'flags', 'house', 'members']),
      );
      expect(doc.components.securitySchemes.bearer).toBeDefined();
    });
  });
});
