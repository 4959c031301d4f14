import { makeResidentId, residentIdCheckChar } from '../../src/common/pii/resident-id';
import { auth, Factory, residentId, World } from '../support/factories';
import { makeZip, OoxmlCell, ooxmlWorkbook } from '../support/ooxml-workbook';
import { createTestApp, TestApp } from '../support/test-app';
import { householdCount, orgUnits, upload } from './ledger.support';

/**
 * Ledgers as township clerks make them, in workbooks written the way LibreOffice and openpyxl write them
 * (test/support/ooxml-workbook.ts, not exceljs): the clerk gets exactly what the file says, or is told
 * precisely what was not taken and why.
 */
const H = '户籍台账';
const M = '家庭成员';
const ID_AS_NUMBER = '身份证号被存成了数字，后几位已丢失：请把该列设为文本格式后重新填写';

/**
 * A real ID whose first 15 digits, with 000 after them (what Excel keeps of it in a General cell), are a
 * valid ID too: the case where reading the number as typed stored a wrong ID without a word.
 */
function idThatLosesDigitsToAValidOne(fromDay: number): { real: string; stored: number } {
  for (let day = fromDay; day <= 28; day++) {
    const date = `1965-04-${String(day).padStart(2, '0')}`;
    for (let digit = 0; digit <= 9; digit++) {
      const first15 = `433101${date.replace(/-/g, '')}${digit}`;
      if (residentIdCheckChar(`${first15}00`) !== '0') continue;
      return {
        real: makeResidentId('433101', date, digit * 100 + 37),
        stored: Number(`${first15}000`),
      };
    }
  }
  throw new Error('no such ID');
}

describe('ledger: the habits of township ledgers (LibreOffice / openpyxl workbooks)', () => {
  let t: TestApp;
  let world: World;
  let township: string;
  let village: string;

  beforeAll(async () => {
    t = await createTestApp();
    world = await new Factory(t).world();
    const units = await orgUnits(t, world.admin);
    township = units.find((u) => u.id === world.townshipId)!.name;
    village = units.find((u) => u.id === world.villageId)!.name;
  });
  afterAll(() => t.close());

  const get = async (code: string) => {
    const list = await t.http.get(`/api/v1/households?q=${code}`).set(auth(world.admin));
    const item = list.body.items.find((h: { code: string }) => h.code === code);
    if (!item) return null;
    return (await t.http.get(`/api/v1/households/${item.id}?reveal=true`).set(auth(world.admin))).body;
  };

  const HOUSEHOLD = ['户编号', '乡镇', '村', '户主姓名', '户主身份证号', '家庭住址'];
  const MEMBER = ['户编号', '姓名', '身份证号', '与户主关系'];
  const household = (code: string, head: string, id: string | number, address = '大兴寨'): OoxmlCell[] => [
    code,
    township,
    village,
    head,
    id,
    address,
  ];
  const workbook = (
    households: OoxmlCell[][],
    members: OoxmlCell[][],
    merges: { households?: string[]; members?: string[] } = {},
  ) =>
    ooxmlWorkbook([
      { name: H, rows: [HOUSEHOLD, ...households], merges: merges.households },
      { name: M, rows: [MEMBER, ...members], merges: merges.members },
    ]);

  it('keeps every member of a family whose 户编号 is merged down, and says so', async () => {
    const ids = { a: residentId('male'), a2: residentId('female'), a3: residentId('male') };
    const b = { head: residentId('female'), child: residentId('male') };
    const file = workbook(
      [household('MG-1', '龙一', ids.a), household('MG-2', '石二', b.head)],
      [
        ['MG-1', '龙一', ids.a, '户主'],
        [null, '田妹', ids.a2, '配偶'],
        [null, '龙小', ids.a3, '子女'],
        ['MG-2', '石二', b.head, '户主'],
        [null, '石小', b.child, '子女'],
      ],
      { members: ['A2:A4', 'A5:A6'] },
    );
    const response = await upload(t, world.admin, file);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ created: 2, failed: 0, errors: [] });
    expect(response.body.notes).toEqual([
      { sheet: M, row: 2, column: 'A', message: '第2–4、5–6行的户编号取自合并单元格' },
    ]);
    expect((await get('MG-1')).members.map((m: { name: string }) => m.name)).toEqual([
      '龙一',
      '田妹',
      '龙小',
    ]);
    expect((await get('MG-2')).members).toHaveLength(2);
    // The same file again: nothing to change, the family whole.
    expect((await upload(t, world.admin, file)).body).toMatchObject({ unchanged: 2, failed: 0 });
  });

  it('loses no member to a row whose 户编号 is blank or mistyped: the households it may be of are not imported', async () => {
    const p = Array.from({ length: 8 }, () => residentId());
    const first = workbook(
      [household('TY-1', '甲', p[0]), household('TY-2', '乙', p[3]), household('TY-3', '丙', p[5])],
      [
        ['TY-1', '甲', p[0], '户主'],
        ['TY-1', '甲妻', p[1], '配偶'],
        ['TY-1', '甲子', p[2], '子女'],
        ['TY-2', '乙', p[3], '户主'],
        ['TY-2', '乙子', p[4], '子女'],
        ['TY-3', '丙', p[5], '户主'],
        ['TY-3', '丙子', p[6], '子女'],
      ],
    );
    expect((await upload(t, world.admin, first)).body).toMatchObject({ created: 3, failed: 0 });

    const second = workbook(
      [
        household('TY-1', '甲', p[0], '新址'),
        household('TY-2', '乙', p[3], '新址'),
        household('TY-3', '丙', p[5], '新址'),
        household('TY-4', '丁', p[7]),
      ],
      [
        ['TY-1', '甲', p[0], '户主'],
        ['TY-l', '甲妻', p[1], '配偶'], // row 3: a mistyped code
        ['TY-1', '甲子', p[2], '子女'],
        ['TY-2', '乙', p[3], '户主'],
        ['TY-2', '乙子', p[4], '子女'],
        [null, '丙子', p[6], '子女'], // row 7: blank, between two households
        ['TY-3', '丙', p[5], '户主'],
        ['TY-4', '丁', p[7], '户主'],
      ],
    );
    const response = await upload(t, world.admin, second);
    expect(response.body).toMatchObject({ created: 1, updated: 0, failed: 3 });
    const cause = (rows: string) =>
      `「家庭成员」第 ${rows} 行的户编号无法识别，可能属于本户：为免丢失成员，本户本次未导入`;
    expect(response.body.errors).toEqual([
      { sheet: H, row: 2, column: 'A', header: '户编号', field: 'code', message: cause('3'), value: 'TY-1' },
      { sheet: H, row: 3, column: 'A', header: '户编号', field: 'code', message: cause('7'), value: 'TY-2' },
      { sheet: H, row: 4, column: 'A', header: '户编号', field: 'code', message: cause('7'), value: 'TY-3' },
      {
        sheet: M,
        row: 3,
        column: 'A',
        header: '户编号',
        field: 'code',
        message:
          '「户籍台账」和系统中都没有户编号为「TY-l」的户；该行位于户编号「TY-1」的成员之间，可能属于该户：为免该户丢失成员，该户本次未导入',
        value: 'TY-l',
      },
      {
        sheet: M,
        row: 7,
        column: 'A',
        header: '户编号',
        field: 'code',
        message: '户编号为空；可能属于「TY-2」或「TY-3」：为免丢失成员，这两户本次未导入',
        value: null,
      },
    ]);
    for (const [code, count] of [
      ['TY-1', 3],
      ['TY-2', 2],
      ['TY-3', 2],
    ] as const) {
      const stored = await get(code);
      expect([code, stored.members.length, stored.address]).toEqual([code, count, '大兴寨']);
    }
    expect((await get('TY-4')).members).toHaveLength(1);
  });

  it('refuses resident IDs stored as numbers (digits already lost), and writes nothing for them', async () => {
    const lossy = idThatLosesDigitsToAValidOne(1);
    const member = idThatLosesDigitsToAValidOne(15);
    // What Excel kept of the real ID: its first 15 digits, then zeros (and a valid ID at that).
    expect(String(lossy.stored)).toBe(`${lossy.real.slice(0, 15)}000`);
    const heads = { n2: residentId(), n3: residentId() };
    const before = await householdCount(t, world.admin);
    const file = workbook(
      [
        household('NUM-1', '甲', lossy.stored),
        household('NUM-2', '乙', heads.n2),
        [...household('NUM-3', '丙', heads.n3)],
      ],
      [
        ['NUM-2', '乙', heads.n2, '户主'],
        ['NUM-2', '乙子', member.stored, '子女'],
      ],
    );
    const response = await upload(t, world.admin, file);
    expect(response.body).toMatchObject({ created: 1, failed: 2 });
    expect(response.body.errors).toEqual([
      {
        sheet: H,
        row: 2,
        column: 'E',
        header: '户主身份证号',
        field: 'headIdNumber',
        message: ID_AS_NUMBER,
        value: String(lossy.stored),
      },
      {
        sheet: M,
        row: 3,
        column: 'C',
        header: '身份证号',
        field: 'idNumber',
        message: ID_AS_NUMBER,
        value: String(member.stored),
      },
    ]);
    expect(await get('NUM-1')).toBeNull();
    expect(await get('NUM-2')).toBeNull();
    expect(await householdCount(t, world.admin)).toBe(before + 1);

    // A CSV saved from Excel holds what Excel showed: 4.33101E+17.
    const csv = Buffer.from(
      `户编号,乡镇,村,户主姓名,户主身份证号,联系电话\nNUM-4,${township},${village},丁,4.33101E+17,1.38123E+10\n`,
    );
    const fromCsv = await upload(t, world.admin, csv, 'ledger.csv');
    expect(fromCsv.body).toMatchObject({ created: 0, failed: 1 });
    expect(fromCsv.body.errors).toEqual([
      expect.objectContaining({ row: 2, column: 'E', message: ID_AS_NUMBER }),
      expect.objectContaining({
        row: 2,
        column: 'F',
        message: '电话号码被存成了数字，部分数字已丢失：请把该列设为文本格式后重新填写',
      }),
    ]);
    expect(await householdCount(t, world.admin)).toBe(before + 1);
  });

  it('reads the common synonyms and lists every unknown column, in the dry run too', async () => {
    const head = residentId('male', '1965-04-12');
    const wife = residentId('female', '1966-07-03');
    const mismatched = residentId('male', '1970-02-02');
    const file = ooxmlWorkbook([
      {
        name: 'Sheet1',
        rows: [
          ['序号', '户编号', '乡镇', '村', '组', '户主姓名', '户主身份证号码', '联系方式'],
          [1, 'SY-1', township, village, '３组', '龙 尾', head, 13812345678],
          [2, 'SY-2', township, village, '1组', '吴二', mismatched, '13812345679'],
        ].map((row, i) => [
          ...row,
          ...(i === 0
            ? ['家庭地址', '房屋面积（平方米）', '结构', '标识', '备注2']
            : i === 1
              ? ['大兴寨村3组', 95.5, '砖木', '五保', 'x']
              : ['大兴寨村1组', null, null, null, null]),
        ]),
      },
      {
        name: 'Sheet2',
        rows: [
          ['户编号', '姓名', '公民身份号码', '出生年月', '关系', '文化程度'],
          ['SY-1', '龙\u3000尾', head, '1965.04', '户主', '小学'],
          ['SY-1', '田妹', wife, '1966年7月', '妻', '初中'],
          ['SY-2', '吴二', mismatched, '1971.02', '本人', null],
        ],
      },
    ]);
    const expectedNotes = [
      { sheet: H, row: 1, column: 'M', message: '未识别的列：备注2（已忽略）' },
      { sheet: H, row: 2, column: 'E', message: '第2行组中的全角数字已按半角读取' },
      { sheet: H, row: 2, column: 'F', message: '第2行户主姓名中的空格已去除' },
      {
        sheet: H,
        row: 2,
        column: 'L',
        message: '标识「五保」按「特困」导入（五保是特困人员供养的旧称；第2行）',
      },
      { sheet: M, row: 1, column: 'F', message: '未识别的列：文化程度（已忽略）' },
      { sheet: M, row: 2, column: 'B', message: '第2行姓名中的空格已去除' },
      {
        sheet: M,
        row: 2,
        column: 'D',
        message: '第2–3行的出生日期只到月（如「1965.04」），与身份证号相符，按身份证号取到日',
      },
      { sheet: M, row: 3, column: 'E', message: '与户主关系「妻」按「配偶」导入（第3行）' },
      { sheet: M, row: 4, column: 'E', message: '与户主关系「本人」按「户主」导入（第4行）' },
    ];
    const mismatch = {
      sheet: M,
      row: 4,
      column: 'D',
      header: '出生日期',
      field: 'birthDate',
      message: '出生年月「1971.02」与身份证号（1970-02-02）不一致',
    };
    const dry = await upload(t, world.admin, file, 'ledger.xlsx', '?dryRun=true');
    expect(dry.body).toMatchObject({ dryRun: true, created: 1, failed: 1, errors: [mismatch] });
    expect(dry.body.notes).toEqual(expectedNotes);
    expect(await get('SY-1')).toBeNull();

    const response = await upload(t, world.admin, file);
    expect(response.body).toMatchObject({ created: 1, failed: 1, errors: [mismatch], notes: expectedNotes });
    expect(await get('SY-1')).toMatchObject({
      group: '3组',
      headName: '龙尾',
      phone: '13812345678',
      address: '大兴寨村3组',
      house: { floorArea: 95.5, structure: 'brick_timber' },
      flags: ['destitute'],
      members: [
        expect.objectContaining({ name: '龙尾', relation: 'head', birthDate: '1965-04-12' }),
        expect.objectContaining({ name: '田妹', relation: 'spouse', birthDate: '1966-07-03' }),
      ],
    });
    expect(await get('SY-2')).toBeNull();
  });

  it('skips total lines (merged too) and reads relation words and GB/T 4761 codes', async () => {
    const [a, b] = [residentId('male', '1950-01-01'), residentId('male', '1960-01-01')];
    const kin = {
      wife: residentId('female', '1952-01-01'),
      son: residentId('male', '1975-01-01'),
      daughter: residentId('female', '1978-01-01'),
      grandson: residentId('male', '2000-01-01'),
      daughterInLaw: residentId('female', '1976-01-01'),
      father: residentId('male', '1935-01-01'),
      grandmother: residentId('female', '1915-01-01'),
      spouseByCode: residentId('female', '1962-01-01'),
    };
    const file = workbook(
      [
        household('TT-1', '甲', a),
        ['小计', null, null, '1户'],
        household('TT-2', '乙', b),
        ['小计'],
        ['合计', null, null, null, '2户'],
      ],
      [
        ['TT-1', '甲', a, '户主'],
        ['TT-1', '甲妻', kin.wife, '妻'],
        ['TT-1', '甲子', kin.son, '长子'],
        ['TT-1', '甲女', kin.daughter, '次女'],
        ['TT-1', '甲孙', kin.grandson, '孙子'],
        ['TT-1', '甲媳', kin.daughterInLaw, '儿媳'],
        ['TT-1', '甲父', kin.father, '父亲'],
        ['TT-1', '甲祖母', kin.grandmother, '祖母'],
        ['TT-2', '乙', b, '01'],
        ['TT-2', '乙妻', kin.spouseByCode, '12'],
        ['合计', null, null, null],
      ],
      { households: ['A6:D6'] },
    );
    const response = await upload(t, world.admin, file);
    expect(response.body).toMatchObject({ households: 2, created: 2, failed: 0, errors: [] });
    expect(response.body.notes).toEqual(
      expect.arrayContaining([
        { sheet: H, row: 3, message: '第3、5–6行是合计行，已跳过（不计入户数）' },
        { sheet: M, row: 12, message: '第12行是合计行，已跳过（不计入户数）' },
        { sheet: M, row: 4, column: 'D', message: '与户主关系「长子」按「子女」导入（第4行）' },
        { sheet: M, row: 9, column: 'D', message: '与户主关系「祖母」按「其他」导入（第9行）' },
        { sheet: M, row: 11, column: 'D', message: '与户主关系「12」按「配偶」导入（第11行）' },
      ]),
    );
    const relations = async (code: string) =>
      (await get(code)).members.map((m: { name: string; relation: string }) => `${m.name}:${m.relation}`);
    expect(await relations('TT-1')).toEqual([
      '甲:head',
      '甲妻:spouse',
      '甲子:child',
      '甲女:child',
      '甲孙:grandchild',
      '甲媳:child_in_law',
      '甲父:parent',
      '甲祖母:other',
    ]);
    expect(await relations('TT-2')).toEqual(['乙:head', '乙妻:spouse']);
  });

  it('refuses an .ods and a two-row header by name, writing nothing', async () => {
    const before = await householdCount(t, world.admin);
    const ods = makeZip([
      {
        name: 'mimetype',
        content: Buffer.from('application/vnd.oasis.opendocument.spreadsheet'),
        stored: true,
      },
      { name: 'content.xml', content: Buffer.from('<office:document-content/>') },
    ]);
    const odsResponse = await upload(t, world.admin, ods, '台账.ods');
    expect(odsResponse.status).toBe(400);
    expect(odsResponse.body).toMatchObject({ code: 'UNSUPPORTED_FORMAT' });
    expect(odsResponse.body.message).toContain('不支持 .ods 格式，请另存为 .xlsx');

    const twoRows = ooxmlWorkbook([
      {
        name: H,
        rows: [
          ['移民户台账'],
          ['户编号', '乡镇', '村', '户主', null, '房屋情况', null],
          [null, null, null, '姓名', '身份证号', '面积', '结构'],
          ['TR-1', township, village, '甲', residentId(), 80, '砖混'],
        ],
        merges: ['A1:G1', 'A2:A3', 'B2:B3', 'C2:C3', 'D2:E2', 'F2:G2'],
      },
    ]);
    const headerResponse = await upload(t, world.admin, twoRows);
    expect(headerResponse.status).toBe(400);
    expect(headerResponse.body).toMatchObject({ code: 'TWO_ROW_HEADER' });
    expect(headerResponse.body.message).toContain('「户籍台账」的表头须为一行：第 2–3 行');
    expect(await householdCount(t, world.admin)).toBe(before);
  });
});
