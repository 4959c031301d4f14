import { makeResidentId } from '../../src/common/pii/resident-id';
import { auth, birthDateOf, Factory, registryCounts, residentId, World } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';

type Body = Record<string, any>;

const ID_CHECKSUM = '身份证号校验位不正确';
const ID_DATE = '身份证号中的出生日期不存在或晚于今天';
const ID_FORMAT = '身份证号格式不正确（应为18位，最后一位可为X）';
const PHONE = '手机号格式不正确（应为1开头的11位数字）';
const CONTROL = '不能包含控制字符（制表符和换行除外）';

/** The same number with a wrong check character. */
// A published example number (woman, 1949-12-31) whose check character is X.
const EXISTING_HEAD_ID = '11010519491231002X';

const badChecksum = (id: string) => id.slice(0, 17) + (id[17] === '0' ? '1' : '0');

describe('households: bad input gets 400 per field, conflicts 409, and neither changes anything', () => {
  let t: TestApp;
  let factory: Factory;
  let world: World;
  let existing: Body;
  const existingHeadId = EXISTING_HEAD_ID;
  let existingMemberId: string;

  beforeAll(async () => {
    t = await createTestApp();
    factory = new Factory(t);
    world = await factory.world();
    existingMemberId = residentId('female');
    existing = await factory.household(world, {
      code: 'AZ-EXIST-0001',
      headIdNumber: existingHeadId,
      members: [
        {
          name: '吴秀兰',
          idNumber: existingMemberId,
          sex: 'female',
          birthDate: birthDateOf(existingMemberId),
          relation: 'spouse',
        },
      ],
    });
  });
  afterAll(() => t.close());

  const post = (body: Body) => t.http.post('/api/v1/households').set(auth(world.admin)).send(body);
  const valid = (overrides: Body = {}) => factory.householdBody(world.villageId, overrides);
  const member = (overrides: Body = {}) => {
    const idNumber = residentId('male');
    return {
      name: '龙小三',
      idNumber,
      sex: 'male',
      birthDate: birthDateOf(idNumber),
      relation: 'child',
      ...overrides,
    };
  };
  /** Row counts of every registry table plus the stored rows of one household, as the database has them. */
  const snapshot = async () => ({
    counts: await registryCounts(t),
    household: await t.dataSource.query(`SELECT * FROM household WHERE id = '${existing.id}'`),
    members: await t.dataSource.query(
      `SELECT * FROM household_member WHERE household_id = '${existing.id}' ORDER BY position`,
    ),
  });
  /** Sends the request, checks the status and code, and that the registry is exactly as before. */
  const refused = async (send: () => Promise<any>, status: number, code: string) => {
    const before = await snapshot();
    const response = await send();
    expect({ status: response.status, code: response.body.code }).toEqual({ status, code });
    expect(await snapshot()).toEqual(before);
    return response.body as { details?: { field: string; message: string }[]; message: string };
  };

  it('accepts the valid body these cases start from', async () => {
    const response = await post(valid({ members: [member()] }));
    expect(response.status).toBe(201);
  });

  describe('POST /households: 400 with a Chinese message per field', () => {
    const cases: [string, () => Body, string, string][] = [
      [
        'head ID with a wrong check digit',
        () => valid({ headIdNumber: badChecksum(residentId()) }),
        'headIdNumber',
        ID_CHECKSUM,
      ],
      [
        'head ID born on February 30',
        () => valid({ headIdNumber: makeResidentId('433101', '1960-02-30', 11) }),
        'headIdNumber',
        ID_DATE,
      ],
      [
        'head ID born in month 13',
        () => valid({ headIdNumber: makeResidentId('433101', '1960-13-01', 11) }),
        'headIdNumber',
        ID_DATE,
      ],
      [
        'head ID born in the future',
        () => valid({ headIdNumber: makeResidentId('433101', '2099-01-01', 11) }),
        'headIdNumber',
        ID_DATE,
      ],
      [
        'head ID of 17 digits',
        () => valid({ headIdNumber: residentId().slice(0, 17) }),
        'headIdNumber',
        ID_FORMAT,
      ],
      [
        'head ID as a number',
        () => valid({ headIdNumber: 433101196001 }),
        'headIdNumber',
        '身份证号必须是字符串',
      ],
      [
        'member ID with a wrong check digit',
        () => valid({ members: [member({ idNumber: badChecksum(residentId()) })] }),
        'members[0].idNumber',
        ID_CHECKSUM,
      ],
      [
        'member birth date February 30',
        () => valid({ members: [member({ birthDate: '1985-02-30' })] }),
        'members[0].birthDate',
        '必须是有效日期（YYYY-MM-DD）',
      ],
      [
        'member sex against the ID',
        () => valid({ members: [member({ sex: 'female' })] }),
        'members[0].sex',
        '性别与身份证号不符（身份证号显示为男）',
      ],
      [
        'member birth date against the ID',
        () => valid({ members: [member({ birthDate: '1901-01-01' })] }),
        'members[0].birthDate',
        expect.stringMatching(/^出生日期与身份证号不符/) as any,
      ],
      [
        'member relation unknown',
        () => valid({ members: [member({ relation: 'cousin' })] }),
        'members[0].relation',
        expect.stringMatching(/^取值无效/) as any,
      ],
      [
        'member ethnicity unknown',
        () => valid({ members: [member({ ethnicity: '99' })] }),
        'members[0].ethnicity',
        expect.stringMatching(/^取值无效/) as any,
      ],
      [
        'member unknown field',
        () => valid({ members: [member({ nickname: '小三' })] }),
        'members[0].nickname',
        '不允许的字段',
      ],
      [
        'two heads',
        () => valid({ members: [member({ relation: 'head' }), member({ relation: 'head' })] }),
        'members',
        '一户只能有一名户主',
      ],
      ['phone too short', () => valid({ phone: '1381234567' }), 'phone', PHONE],
      ['phone not a mobile', () => valid({ phone: '07438521234' }), 'phone', PHONE],
      ['phone with letters', () => valid({ phone: '138abcd5678' }), 'phone', PHONE],
      ['phone as a number', () => valid({ phone: 13812345678 }), 'phone', PHONE],
      ['unknown field', () => valid({ colour: 'red' }), 'colour', '不允许的字段'],
      ['stage is not set by the client', () => valid({ stage: 'closed' }), 'stage', '不允许的字段'],
      [
        'unknown nested field',
        () => valid({ house: { floorArea: 80, structure: 'frame', storeys: 2 } }),
        'house.storeys',
        '不允许的字段',
      ],
      ['head name as a number', () => valid({ headName: 123 }), 'headName', '必须是字符串'],
      ['empty head name', () => valid({ headName: '' }), 'headName', '不能为空或只有空格'],
      ['head name of spaces', () => valid({ headName: ' 　 ' }), 'headName', '不能为空或只有空格'],
      [
        'member name of spaces',
        () => valid({ members: [member({ name: '  ' })] }),
        'members[0].name',
        '不能为空或只有空格',
      ],
      ['NUL in head name', () => valid({ headName: '龙\u0000三' }), 'headName', CONTROL],
      ['bell in address', () => valid({ address: '3组\u0007' }), 'address', CONTROL],
      [
        'NUL in a member name',
        () => valid({ members: [member({ name: '龙\u0000' })] }),
        'members[0].name',
        CONTROL,
      ],
      ['C1 control in group', () => valid({ group: '3\u0085组' }), 'group', CONTROL],
      ['flags as a string', () => valid({ flags: 'low_income' }), 'flags', '必须是数组'],
      ['unknown flag', () => valid({ flags: ['rich'] }), 'flags', expect.stringMatching(/^取值无效/) as any],
      ['repeated flag', () => valid({ flags: ['disabled', 'disabled'] }), 'flags', '不能有重复项'],
      [
        'floor area as text',
        () => valid({ house: { floorArea: 'big', structure: 'frame' } }),
        'house.floorArea',
        '必须是数字',
      ],
      [
        'negative floor area',
        () => valid({ house: { floorArea: -1, structure: 'frame' } }),
        'house.floorArea',
        '不能小于 0',
      ],
      [
        'unknown structure',
        () => valid({ house: { floorArea: 80, structure: 'castle' } }),
        'house.structure',
        expect.stringMatching(/^取值无效/) as any,
      ],
      ['members as an object', () => valid({ members: { name: 'x' } }), 'members', '必须是数组'],
      ['village id not a UUID', () => valid({ villageId: 'DXZ' }), 'villageId', '必须是有效的 UUID'],
      [
        'code with spaces',
        () => valid({ code: 'AZ DXZ 1' }),
        'code',
        '户编号只能包含字母、数字和短横线（最长40位）',
      ],
      [
        'code missing',
        () => {
          const body = valid();
          delete body.code;
          return body;
        },
        'code',
        '必须是字符串',
      ],
      ['code null', () => valid({ code: null }), 'code', '不能为空'],
      ['head name null', () => valid({ headName: null }), 'headName', '不能为空'],
    ];

    it.each(cases)('%s', async (_, body, field, message) => {
      const result = await refused(() => post(body()), 400, 'VALIDATION_FAILED');
      expect(result.message).toBe('请求参数有误');
      expect(result.details).toContainEqual({ field, message });
      for (const detail of result.details!) expect(detail.message).toMatch(/[\u4e00-\u9fff]/);
    });

    it('names every bad field at once', async () => {
      const result = await refused(
        () => post(valid({ headIdNumber: badChecksum(residentId()), phone: '123', colour: 'red' })),
        400,
        'VALIDATION_FAILED',
      );
      expect(result.details!.map((d) => d.field).sort()).toEqual(['colour', 'headIdNumber', 'phone']);
    });

    it('refuses references to org units and users of the wrong kind', async () => {
      const township = await refused(
        () => post(valid({ villageId: world.townshipId })),
        400,
        'VALIDATION_FAILED',
      );
      expect(township.details).toEqual([{ field: 'villageId', message: '村不存在' }]);
      const unknown = await refused(
        () => post(valid({ villageId: '00000000-0000-4000-8000-000000000001' })),
        400,
        'VALIDATION_FAILED',
      );
      expect(unknown.details).toEqual([{ field: 'villageId', message: '村不存在' }]);
      const taskForce = await refused(
        () => post(valid({ taskForceId: world.villageId })),
        400,
        'VALIDATION_FAILED',
      );
      expect(taskForce.details).toEqual([{ field: 'taskForceId', message: '专班不存在' }]);
      const official = (await t.http.get('/api/v1/auth/me').set(auth(world.official.token))).body.id;
      const cadre = await refused(() => post(valid({ cadreId: official })), 400, 'VALIDATION_FAILED');
      expect(cadre.details).toEqual([{ field: 'cadreId', message: '该用户不存在、已停用或不是包户干部' }]);
    });

    it('refuses a body that is not JSON', async () => {
      const result = await refused(
        () =>
          t.http
            .post('/api/v1/households')
            .set(auth(world.admin))
            .set('Content-Type', 'application/json')
            .send('{"code": "AZ-1", '),
        400,
        'INVALID_JSON',
      );
      expect(result.message).toBe('请求体不是有效的 JSON');
    });
  });

  describe('POST /households: 409 on duplicates', () => {
    it('refuses a code that exists', async () => {
      const result = await refused(
        () => post(valid({ code: 'AZ-EXIST-0001' })),
        409,
        'DUPLICATE_HOUSEHOLD_CODE',
      );
      expect(result.message).toBe('户编号 AZ-EXIST-0001 已存在');
    });

    it("refuses another household's head as head, in any letter case", async () => {
      for (const headIdNumber of [existingHeadId, existingHeadId.toLowerCase()]) {
        const result = await refused(() => post(valid({ headIdNumber })), 409, 'DUPLICATE_RESIDENT_ID');
        expect(result.details).toEqual([{ field: 'headIdNumber', message: '该身份证号已登记在其他户' }]);
      }
    });

    it("refuses another household's member as head, or as a member", async () => {
      const asHead = await refused(
        () => post(valid({ headIdNumber: existingMemberId })),
        409,
        'DUPLICATE_RESIDENT_ID',
      );
      expect(asHead.details).toEqual([{ field: 'headIdNumber', message: '该身份证号已登记在其他户' }]);
      const asMember = await refused(
        () =>
          post(
            valid({
              members: [
                member(),
                {
                  name: '吴秀兰',
                  idNumber: existingMemberId,
                  sex: 'female',
                  birthDate: birthDateOf(existingMemberId),
                  relation: 'spouse',
                },
              ],
            }),
          ),
        409,
        'DUPLICATE_RESIDENT_ID',
      );
      expect(asMember.details).toEqual([
        { field: 'members[1].idNumber', message: '该身份证号已登记在其他户' },
      ]);
    });
  });

  it('points at the member as the client sent it, even when the head is listed first', async () => {
    const headIdNumber = residentId('male');
    const result = await refused(
      () =>
        post(
          valid({
            headIdNumber,
            members: [
              {
                name: '户主',
                idNumber: headIdNumber,
                sex: 'male',
                birthDate: birthDateOf(headIdNumber),
                relation: 'head',
              },
              member(),
              {
                name: '吴秀兰',
                idNumber: existingMemberId,
                sex: 'female',
                birthDate: birthDateOf(existingMemberId),
                relation: 'spouse',
              },
            ],
          }),
        ),
      409,
      'DUPLICATE_RESIDENT_ID',
    );
    expect(result.details).toEqual([{ field: 'members[2].idNumber', message: '该身份证号已登记在其他户' }]);
  });

  describe('PATCH /households/:id', () => {
    const patch = (body: Body, token = world.admin) =>
      t.http.patch(`/api/v1/households/${existing.id}`).set(auth(token)).send(body);

    it.each([
      ['version missing', { headName: '新名' }, 'version', '必须是整数'],
      ['version as text', { version: '1', headName: '新名' }, 'version', '必须是整数'],
      ['version zero', { version: 0 }, 'version', '不能小于 1'],
      ['version null', { version: null }, 'version', '不能为空'],
      ['head name null', { version: 1, headName: null }, 'headName', '不能为空'],
      ['head ID null', { version: 1, headIdNumber: null }, 'headIdNumber', '不能为空'],
      ['village null', { version: 1, villageId: null }, 'villageId', '不能为空'],
      ['bad phone', { version: 1, phone: '12345' }, 'phone', PHONE],
      [
        'bad head ID',
        { version: 1, headIdNumber: badChecksum(EXISTING_HEAD_ID) },
        'headIdNumber',
        ID_CHECKSUM,
      ],
      ['code is not editable', { version: 1, code: 'AZ-NEW' }, 'code', '不允许的字段'],
      [
        'cadre is assigned elsewhere',
        { version: 1, cadreId: '00000000-0000-4000-8000-000000000002' },
        'cadreId',
        '不允许的字段',
      ],
      ['stage moves elsewhere', { version: 1, stage: 'closed' }, 'stage', '不允许的字段'],
      ['hold goes through its own endpoint', { version: 1, onHold: true }, 'onHold', '不允许的字段'],
      [
        'member with a bad ID',
        { version: 1, members: [member({ idNumber: '123' })] },
        'members[0].idNumber',
        ID_FORMAT,
      ],
    ])('400 for %s', async (_, body, field, message) => {
      const result = await refused(() => patch(body), 400, 'VALIDATION_FAILED');
      expect(result.details).toContainEqual({ field, message });
    });

    it('409 for a stale version, and the newer edit stays', async () => {
      const first = await patch({ version: existing.version, address: '第一次修改' });
      expect(first.status).toBe(200);
      expect(first.body.version).toBe(existing.version + 1);
      const result = await refused(
        () => patch({ version: existing.version, address: '过期的修改' }),
        409,
        'STALE_VERSION',
      );
      expect(result.message).toMatch(/version/);
      const read = await t.http.get(`/api/v1/households/${existing.id}`).set(auth(world.admin));
      expect(read.body).toMatchObject({ address: '第一次修改', version: existing.version + 1 });
      existing = read.body;
    });

    it('409 for a head or member ID that belongs to another household', async () => {
      const other = await factory.household(world);
      const otherHead = (
        await t.http.get(`/api/v1/households/${other.id}?reveal=true`).set(auth(world.admin))
      ).body.headIdNumber;
      const asHead = await refused(
        () => patch({ version: existing.version, headIdNumber: otherHead }),
        409,
        'DUPLICATE_RESIDENT_ID',
      );
      expect(asHead.details).toEqual([{ field: 'headIdNumber', message: '该身份证号已登记在其他户' }]);
      const asMember = await refused(
        () =>
          patch({
            version: existing.version,
            members: [
              {
                name: '他人',
                idNumber: otherHead,
                sex: 'male',
                birthDate: birthDateOf(otherHead),
                relation: 'child',
              },
            ],
          }),
        409,
        'DUPLICATE_RESIDENT_ID',
      );
      expect(asMember.details).toEqual([
        { field: 'members[0].idNumber', message: '该身份证号已登记在其他户' },
      ]);
    });

    it('keeps its own members when they are sent again', async () => {
      const response = await patch({
        version: existing.version,
        members: [
          {
            name: '吴秀兰',
            idNumber: existingMemberId,
            sex: 'female',
            birthDate: birthDateOf(existingMemberId),
            relation: 'spouse',
          },
        ],
      });
      expect(response.status).toBe(200);
      expect(response.body.members).toHaveLength(2);
      existing = response.body;
    });
  });
});
