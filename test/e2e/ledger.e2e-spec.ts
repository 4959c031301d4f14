import * as ExcelJS from 'exceljs';
import * as iconv from 'iconv-lite';
import { makeResidentId } from '../../src/common/pii/resident-id';
import { auth, Factory, residentId, World } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';
import {
  exportLedger,
  HOUSEHOLD_HEADERS,
  LedgerBook,
  MEMBER_HEADERS,
  orgUnits,
  sheetRows,
  template,
  upload,
  zipEntry,
} from './ledger.support';

/** A valid ID with its check digit changed: fails only the checksum. */
const badChecksum = (id: string) => id.slice(0, 17) + (id[17] === '0' ? '1' : '0');

describe('ledger: template, import and export of the household ledger (台账)', () => {
  let t: TestApp;
  let f: Factory;
  let world: World;
  let township: string;
  let village: string;
  let otherTownship: string;
  let otherVillage: string;
  let cadreUsername: string;
  let official: string;

  beforeAll(async () => {
    t = await createTestApp();
    f = new Factory(t);
    world = await f.world();
    const units = await orgUnits(t, world.admin);
    const name = (id: string) => units.find((u) => u.id === id)!.name;
    township = name(world.townshipId);
    village = name(world.villageId);
    otherTownship = name(world.otherTownshipId);
    otherVillage = name(world.otherVillageId);
    await f.orgUnit(world.admin, {
      name: '德茹村',
      kind: 'village',
      parentId: world.townshipId,
      code: 'V-DR-1',
    });
    cadreUsername = (world.cadre as unknown as { username: string }).username;
    official = world.official.token;
  });
  afterAll(() => t.close());

  const get = async (code: string, token = world.admin) => {
    const list = await t.http.get(`/api/v1/households?q=${code}`).set(auth(token));
    const item = list.body.items.find((h: { code: string }) => h.code === code);
    if (!item) return null;
    return (await t.http.get(`/api/v1/households/${item.id}?reveal=true`).set(auth(world.admin))).body;
  };

  it('serves the template: both sheets, Chinese headers, drop-downs, frozen header, widths', async () => {
    const response = await t.http.get('/api/v1/households/import/template').set(auth(world.cadre.token));
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toContain('spreadsheetml');
    const book = await LedgerBook.from(await template(t, world.commander));
    const headers = (sheet: ExcelJS.Worksheet) => (sheet.getRow(1).values as string[]).slice(1);
    expect(headers(book.households)).toEqual(HOUSEHOLD_HEADERS);
    expect(headers(book.members)).toEqual(MEMBER_HEADERS);
    for (const sheet of [book.households, book.members]) {
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(sheet.getColumn(1).width).toBeGreaterThanOrEqual(10);
    }
    const lists = book.workbook.getWorksheet('选项')!;
    expect(lists.state).toBe('hidden');
    const listOf = (sheet: ExcelJS.Worksheet, address: string) => {
      const rule = sheet.getCell(address).dataValidation;
      expect(rule.type).toBe('list');
      const [, column, from, to] = rule.formulae![0].match(/\$([A-Z]+)\$(\d+):\$[A-Z]+\$(\d+)/)!;
      const values: string[] = [];
      for (let r = Number(from); r <= Number(to); r++)
        values.push(String(lists.getCell(`${column}${r}`).value));
      return values;
    };
    expect(listOf(book.households, 'K2')).toEqual(['框架', '砖混', '砖木', '土木', '木', '简易']);
    expect(listOf(book.households, 'I50')).toContain('防返贫监测');
    expect(listOf(book.households, 'M2')).toEqual(expect.arrayContaining(['已登记', '已签约', '已销号']));
    expect(listOf(book.households, 'N2')).toContain('集中安置(统规统建)');
    expect(listOf(book.households, 'P2')).toContain('逐年补偿');
    expect(listOf(book.households, 'C2')).toEqual(expect.arrayContaining([village, otherVillage, '德茹村']));
    expect(listOf(book.households, 'B2')).toEqual(expect.arrayContaining([township, otherTownship]));
    expect(listOf(book.members, 'D2')).toEqual(['男', '女']);
    expect(listOf(book.members, 'F2')).toContain('儿媳/女婿');
    expect(listOf(book.members, 'G2')).toHaveLength(56);
    // An official's template offers only their own township's villages.
    const own = await LedgerBook.from(await template(t, official));
    const ownLists = own.workbook.getWorksheet('选项')!;
    const villages = (ownLists.getColumn(2).values as string[]).slice(2);
    expect(villages).toEqual(expect.arrayContaining([village, '德茹村']));
    expect(villages).not.toContain(otherVillage);
  });

  describe('a template-made ledger with good and bad rows', () => {
    let ledger: Buffer;
    let first: Record<string, any>;
    const ids = {
      a: residentId('male', '1960-05-01'),
      b: residentId('female', '1962-08-09'),
      c: residentId('male'),
      d: residentId('male'),
      e: residentId('female', '1990-02-03'),
      f1: residentId('male'),
      f2: residentId('male'),
      g: residentId('male'),
      h1: residentId('male'),
      h2: residentId('male'),
      n14: residentId('female'),
      e1: residentId('male'),
      e2: residentId('male'),
      e3: residentId('male'),
      e4: residentId('male'),
      e5: residentId('male'),
      misc: [1, 2, 3, 4, 5, 6, 7, 8].map(() => residentId('male')),
    };

    beforeAll(async () => {
      const existing = (code: string, headIdNumber: string, phone: string) =>
        f.household(world, { code, headIdNumber, phone, headName: `户${code}` });
      await existing('E-1', ids.e1, '13900000001');
      await existing('E-2', ids.e2, '13900000002');
      await existing('E-3', ids.e3, '13900000003');
      const frozen = await existing('E-4', ids.e4, '13900000004');
      await existing('E-5', ids.e5, '13900000005');
      // Walking a household to 已签约 takes four approvals; the stage table is tested elsewhere.
      await t.dataSource.query(`UPDATE household SET stage = 'agreement_signed' WHERE id = '${frozen.id}'`);

      const book = await LedgerBook.from(await template(t, world.commander));
      const base = { 乡镇: township, 村: village };
      const same = (code: string, headIdNumber: string, phone: string) => ({
        ...base,
        户编号: code,
        户主姓名: `户${code}`,
        户主身份证号: headIdNumber,
        联系电话: phone,
      });
      book.household({
        ...base,
        户编号: 'N-1',
        组: '1组',
        户主姓名: '龙老大',
        户主身份证号: ids.a,
        联系电话: '13800000001',
        家庭住址: '矮寨镇大兴寨村1组',
        标识: '低保、残疾',
        '主房面积(㎡)': 120.5,
        房屋结构: '砖混',
        包户干部: cadreUsername,
        安置意愿: '集中安置(统规统建)',
        安置点: '矮寨安置点',
        生计方式: '二三产业安置',
        备注: '老党员',
      });
      book.household({ 户编号: 'N-2', 村: 'V-DR-1', 户主姓名: '石二', 户主身份证号: ids.c, 阶段: '已登记' });
      book.household({ ...base, 户编号: 'N-3', 户主姓名: '张三', 户主身份证号: badChecksum(ids.misc[0]) });
      book.household({ ...base, 户编号: 'N-4', 户主姓名: '李四', 户主身份证号: ids.d });
      book.household({ ...base, 户编号: 'N-5', 户主姓名: '王五', 户主身份证号: ids.f1 });
      book.household({ ...base, 户编号: 'N-6', 户主姓名: '赵六', 户主身份证号: ids.misc[1] });
      book.household({ ...base, 户编号: 'N-6', 户主姓名: '赵六', 户主身份证号: ids.misc[2] });
      book.household({
        ...base,
        户编号: 'N-7',
        户主姓名: '孙七',
        户主身份证号: ids.misc[3],
        '主房面积(㎡)': 80,
        房屋结构: '茅草',
      });
      book.household({
        乡镇: township,
        村: '不存在村',
        户编号: 'N-8',
        户主姓名: '周八',
        户主身份证号: ids.misc[4],
      });
      book.household({ ...base, 户编号: 'N-9', 户主姓名: '吴九', 户主身份证号: ids.e5 });
      book.household({ ...base, 户编号: 'N-10', 户主姓名: '郑十', 户主身份证号: ids.h1 });
      book.household({ ...base, 户编号: 'N-11', 户主姓名: '冯十一', 户主身份证号: ids.h2 });
      book.household({ ...same('E-1', ids.e1, '13911111111'), 家庭住址: '新地址' });
      book.household({ ...same('E-2', ids.e2, '13900000002'), 阶段: '实物已调查' });
      book.household({
        ...same('E-3', ids.e3, '13900000003'),
        安置意愿: '进城购房',
        生计方式: '养老保障安置',
      });
      book.household({ ...same('E-4', ids.e4, '13900000004'), 安置意愿: '分散安置' });
      book.household({
        ...base,
        户编号: 'N-12',
        户主姓名: '陈十二',
        户主身份证号: ids.misc[5],
        联系电话: '12345',
      });
      book.household({
        ...base,
        户编号: 'N-13',
        户主姓名: '褚十三',
        户主身份证号: ids.misc[6],
        阶段: '已签约',
      });
      book.household({ ...base, 户编号: 'N-14', 户主姓名: '卫十四', 户主身份证号: ids.n14 }, 21); // row 20 left blank

      book.member({
        户编号: 'N-1',
        姓名: '龙老大',
        身份证号: ids.a,
        性别: '男',
        出生日期: '1960-05-01',
        与户主关系: '户主',
        民族: '苗族',
      });
      book.member({ 户编号: 'N-1', 姓名: '田秀英', 身份证号: ids.b, 与户主关系: '配偶', 民族: '土家族' });
      book.member({ 户编号: 'N-4', 姓名: '李四', 身份证号: ids.d, 与户主关系: '户主' });
      book.member({ 户编号: 'N-4', 姓名: '李小妹', 身份证号: ids.e, 性别: '男', 与户主关系: '子女' });
      book.member({ 户编号: 'N-5', 姓名: '王五', 身份证号: ids.f1, 与户主关系: '户主' });
      book.member({ 户编号: 'N-5', 姓名: '王大', 身份证号: ids.f2, 与户主关系: '户主' });
      book.member({ 户编号: 'N-10', 姓名: '郑十', 身份证号: ids.h1, 与户主关系: '户主' });
      book.member({ 户编号: 'N-10', 姓名: '郑小', 身份证号: ids.g, 与户主关系: '子女' });
      book.member({ 户编号: 'N-11', 姓名: '冯十一', 身份证号: ids.h2, 与户主关系: '户主' });
      book.member({ 户编号: 'N-11', 姓名: '冯小', 身份证号: ids.g, 与户主关系: '子女' });
      book.member({ 户编号: 'N-99', 姓名: '无户', 身份证号: ids.misc[7], 与户主关系: '户主' });
      book.member({ 户编号: 'N-14', 姓名: '卫十四', 身份证号: ids.n14, 与户主关系: '户主', 民族: '06' });
      ledger = await book.buffer();
      first = (await upload(t, world.admin, ledger, '矮寨镇台账.xlsx')).body;
    });

    it('imports the good households and reports every bad row with its cell and a Chinese message', () => {
      expect(first).toMatchObject({
        dryRun: false,
        households: 19,
        created: 3,
        updated: 2,
        unchanged: 0,
        failed: 14,
        file: { name: '矮寨镇台账.xlsx', format: 'xlsx' },
      });
      const H = '户籍台账';
      const M = '家庭成员';
      expect(first.errors).toEqual([
        {
          sheet: H,
          row: 4,
          column: 'F',
          header: '户主身份证号',
          field: 'headIdNumber',
          message: '身份证号校验位不正确',
          value: badChecksum(ids.misc[0]),
        },
        {
          sheet: H,
          row: 7,
          column: 'A',
          header: '户编号',
          field: 'code',
          message: '户编号重复：与第 8 行相同',
          value: 'N-6',
        },
        {
          sheet: H,
          row: 8,
          column: 'A',
          header: '户编号',
          field: 'code',
          message: '户编号重复：与第 7 行相同',
          value: 'N-6',
        },
        {
          sheet: H,
          row: 9,
          column: 'K',
          header: '房屋结构',
          field: 'house.structure',
          message: '「茅草」不是有效选项，可选：框架、砖混、砖木、土木、木、简易',
          value: '茅草',
        },
        {
          sheet: H,
          row: 10,
          column: 'C',
          header: '村',
          field: 'villageId',
          message: `乡镇「${township}」下没有名为「不存在村」的村`,
          value: '不存在村',
        },
        {
          sheet: H,
          row: 11,
          column: 'F',
          header: '户主身份证号',
          field: 'headIdNumber',
          message: '该身份证号已登记在其他户',
          value: ids.e5,
        },
        {
          sheet: H,
          row: 15,
          column: 'M',
          header: '阶段',
          field: 'stage',
          message: '阶段只能通过流转审批变更',
          value: '实物已调查',
        },
        {
          sheet: H,
          row: 17,
          column: 'N',
          header: '安置意愿',
          field: 'intent.option',
          message: '已签约的户变更安置意愿须经指挥部审批',
          value: '分散安置',
        },
        {
          sheet: H,
          row: 18,
          column: 'G',
          header: '联系电话',
          field: 'phone',
          message: '手机号格式不正确（应为1开头的11位数字）',
          value: '12345',
        },
        {
          sheet: H,
          row: 19,
          column: 'M',
          header: '阶段',
          field: 'stage',
          message: '新登记的户阶段只能为「已登记」（阶段只能通过流转审批变更）',
          value: '已签约',
        },
        {
          sheet: M,
          row: 5,
          column: 'D',
          header: '性别',
          field: 'sex',
          message: '性别与身份证号不符（身份证号显示为女）',
          value: '男',
        },
        {
          sheet: M,
          row: 7,
          column: 'F',
          header: '与户主关系',
          field: 'relation',
          message: '一户只能有一名户主',
          value: '户主',
        },
        {
          sheet: M,
          row: 9,
          column: 'C',
          header: '身份证号',
          field: 'idNumber',
          message: '身份证号与「家庭成员」第 11 行重复',
          value: ids.g,
        },
        {
          sheet: M,
          row: 11,
          column: 'C',
          header: '身份证号',
          field: 'idNumber',
          message: '身份证号与「家庭成员」第 9 行重复',
          value: ids.g,
        },
        {
          sheet: M,
          row: 12,
          column: 'A',
          header: '户编号',
          field: 'code',
          message: '「户籍台账」和系统中都没有户编号为「N-99」的户',
          value: 'N-99',
        },
      ]);
    });

    it('stores what the rows say, members and intent included', async () => {
      const n1 = await get('N-1');
      expect(n1).toMatchObject({
        headName: '龙老大',
        headIdNumber: ids.a,
        phone: '13800000001',
        villageId: world.villageId,
        townshipId: world.townshipId,
        group: '1组',
        address: '矮寨镇大兴寨村1组',
        flags: ['low_income', 'disabled'],
        house: { floorArea: 120.5, structure: 'brick_concrete' },
        cadre: { id: world.cadre.id },
        stage: 'registered',
        intent: { option: 'central_gov_built', site: '矮寨安置点', livelihood: 'non_farm' },
        note: '老党员',
      });
      expect(n1.members).toEqual([
        expect.objectContaining({
          name: '龙老大',
          relation: 'head',
          sex: 'male',
          birthDate: '1960-05-01',
          ethnicity: '06',
        }),
        expect.objectContaining({
          name: '田秀英',
          relation: 'spouse',
          sex: 'female',
          birthDate: '1962-08-09',
          ethnicity: '15',
        }),
      ]);
      const n2 = await get('N-2');
      expect(n2).toMatchObject({
        villageId: expect.any(String),
        headName: '石二',
        cadre: null,
        stage: 'registered',
      });
      expect(n2.members).toHaveLength(1);
      expect((await get('N-14')).members[0]).toMatchObject({
        relation: 'head',
        sex: 'female',
        ethnicity: '06',
      });
      expect((await get('E-1')).phone).toBe('13911111111');
      expect((await get('E-1')).address).toBe('新地址');
      const e3 = await get('E-3');
      expect(e3.intent).toMatchObject({ option: 'town_purchase', site: null, livelihood: 'pension' });
      const intents = await t.http.get(`/api/v1/households/${e3.id}/intents`).set(auth(world.admin));
      expect(intents.body).toEqual([
        expect.objectContaining({ option: 'town_purchase', previousOption: 'undecided' }),
      ]);
      const n1Intents = await t.http.get(`/api/v1/households/${n1.id}/intents`).set(auth(world.admin));
      expect(n1Intents.body).toEqual([
        expect.objectContaining({
          option: 'central_gov_built',
          site: '矮寨安置点',
          livelihood: 'non_farm',
          previousOption: 'undecided',
        }),
      ]);
      expect((await get('E-2')).stage).toBe('registered');
      expect((await get('E-4')).intent.option).toBe('undecided');
      for (const code of ['N-3', 'N-4', 'N-5', 'N-6', 'N-7', 'N-8', 'N-9', 'N-10', 'N-11', 'N-12', 'N-13'])
        expect(await get(code)).toBeNull();
    });

    it('puts each imported change in the audit log and on the timeline, with the file and its hash', async () => {
      const n1 = await get('N-1');
      const audit = await t.http
        .get(`/api/v1/audit?entityType=household&entityId=${n1.id}`)
        .set(auth(world.admin));
      const actions = audit.body.items.map((e: { action: string }) => e.action);
      expect(actions).toEqual(expect.arrayContaining(['import']));
      const created = audit.body.items.find((e: any) => e.action === 'import' && e.changes.headName);
      expect(created.changes._context).toMatchObject({
        file: '矮寨镇台账.xlsx',
        sha256: first.file.sha256,
        row: 2,
      });
      expect(created.changes.headIdNumber).toEqual({ from: null, to: '(已加密)' });
      const e1 = await get('E-1');
      const updates = await t.http
        .get(`/api/v1/audit?entityType=household&entityId=${e1.id}`)
        .set(auth(world.admin));
      const update = updates.body.items.find((e: any) => e.action === 'import');
      expect(update.changes.address).toEqual({ from: null, to: '新地址' });
      const e3 = await get('E-3');
      const e3Audit = await t.http
        .get(`/api/v1/audit?entityType=household&entityId=${e3.id}`)
        .set(auth(world.admin));
      const intentEntry = e3Audit.body.items.find((e: any) => e.action === 'import' && e.changes.intent);
      expect(intentEntry.changes.intent).toEqual({
        from: { option: 'undecided', site: null, livelihood: null },
        to: { option: 'town_purchase', site: null, livelihood: 'pension' },
      });
      expect(intentEntry.changes._context).toMatchObject({
        source: 'import',
        file: '矮寨镇台账.xlsx',
        sha256: first.file.sha256,
        sheet: '户籍台账',
      });
      const summary = await t.http.get(`/api/v1/audit?entityType=ledger_import`).set(auth(world.admin));
      expect(summary.body.items[0].changes._context).toMatchObject({
        file: '矮寨镇台账.xlsx',
        created: 3,
        updated: 2,
        failed: 14,
      });
      const timeline = await t.http.get(`/api/v1/households/${e1.id}/timeline`).set(auth(world.admin));
      expect(timeline.status).toBe(200);
      expect(timeline.body.items).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            action: 'import',
            changes: expect.objectContaining({
              _context: expect.objectContaining({ file: '矮寨镇台账.xlsx' }),
            }),
          }),
        ]),
      );
    });

    it('changes nothing when the same file is imported again', async () => {
      const again = (await upload(t, world.admin, ledger, '矮寨镇台账.xlsx')).body;
      expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 5, failed: 14 });
      expect(again.errors).toEqual(first.errors);
    });

    it('checks without writing on a dry run', async () => {
      const book = await LedgerBook.from(ledger);
      book.household({ 户编号: 'N-2', 村: 'V-DR-1', 户主姓名: '石二改', 户主身份证号: ids.c }, 3);
      book.household(
        { 乡镇: township, 村: village, 户编号: 'D-1', 户主姓名: '新户', 户主身份证号: residentId() },
        22,
      );
      const before = (await t.http.get('/api/v1/households?pageSize=1').set(auth(world.admin))).body.total;
      const dry = await upload(t, world.admin, await book.buffer(), 'dry.xlsx', '?dryRun=true');
      expect(dry.status).toBe(200);
      expect(dry.body).toMatchObject({ dryRun: true, created: 1, updated: 1, unchanged: 4, failed: 14 });
      expect((await t.http.get('/api/v1/households?pageSize=1').set(auth(world.admin))).body.total).toBe(
        before,
      );
      expect((await get('N-2')).headName).toBe('石二');
    });
  });

  describe('export', () => {
    it('round-trips: an export imported again changes nothing (in full, and masked for an official)', async () => {
      const full = await exportLedger(t, world.commander, `?townshipId=${world.townshipId}&reveal=true`);
      expect(full.status).toBe(200);
      expect(full.type).toContain('spreadsheetml');
      const book = await LedgerBook.from(full.body);
      const households = sheetRows(book.households);
      expect(households.length).toBeGreaterThanOrEqual(8);
      expect(households.find((h) => h['户编号'] === 'N-1')).toMatchObject({
        乡镇: township,
        村: village,
        户主身份证号: expect.stringMatching(/^\d{17}[\dX]$/),
        标识: '低保、残疾',
        '主房面积(㎡)': '120.5',
        房屋结构: '砖混',
        阶段: '已登记',
        安置意愿: '集中安置(统规统建)',
        生计方式: '二三产业安置',
      });
      expect(sheetRows(book.members).filter((m) => m['户编号'] === 'N-1')).toHaveLength(2);
      const again = (await upload(t, world.admin, full.body, 'export.xlsx')).body;
      expect(again).toMatchObject({
        households: households.length,
        created: 0,
        updated: 0,
        failed: 0,
        errors: [],
      });
      expect(again.unchanged).toBe(households.length);

      const masked = await exportLedger(t, official);
      const maskedRows = sheetRows((await LedgerBook.from(masked.body)).households);
      expect(maskedRows.length).toBe(households.length);
      expect(maskedRows[0]['户主身份证号']).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
      const maskedAgain = (await upload(t, official, masked.body, 'masked.xlsx')).body;
      expect(maskedAgain).toMatchObject({ created: 0, updated: 0, failed: 0, unchanged: households.length });
    });

    it('reads back a masked ID that two members share, telling them apart by birth date', async () => {
      // The mask hides exactly the birth date: two women of one area with the same last four digits.
      const dates = ['1958-02-14', '1979-07-21'];
      let shared: string[] = [];
      for (let seq = 100; shared.length === 0; seq += 2) {
        const pair = dates.map((date) => makeResidentId('433101', date, seq));
        if (pair[0].slice(-4) === pair[1].slice(-4)) shared = pair;
      }
      await f.household(world, {
        code: 'MASK-2',
        headName: '彭正华',
        headIdNumber: residentId('male', '1956-12-18'),
        members: [
          { name: '张金花', idNumber: shared[0], sex: 'female', birthDate: dates[0], relation: 'spouse' },
          { name: '彭小芳', idNumber: shared[1], sex: 'female', birthDate: dates[1], relation: 'child' },
        ],
      });
      const masked = await exportLedger(t, official);
      const rows = sheetRows((await LedgerBook.from(masked.body)).members).filter(
        (m) => m['户编号'] === 'MASK-2',
      );
      expect(rows.map((m) => m['身份证号'])).toEqual([
        expect.stringMatching(/^\d{6}\*{8}/),
        `433101********${shared[0].slice(-4)}`,
        `433101********${shared[0].slice(-4)}`,
      ]);
      const again = (await upload(t, official, masked.body, 'masked.xlsx')).body;
      expect(again).toMatchObject({ created: 0, updated: 0, failed: 0, errors: [] });
    });

    it('refuses reveal to a role that may not see full IDs, and keeps to the caller’s scope', async () => {
      expect((await exportLedger(t, official, '?reveal=true')).status).toBe(403);
      const other = sheetRows(
        (await LedgerBook.from((await exportLedger(t, world.otherOfficial.token)).body)).households,
      );
      expect(other.every((h) => h['乡镇'] === otherTownship)).toBe(true);
      const cadre = sheetRows(
        (await LedgerBook.from((await exportLedger(t, world.cadre.token, '?reveal=true')).body)).households,
      );
      expect(cadre.length).toBeGreaterThan(0);
      expect(cadre.every((h) => h['包户干部'] !== '')).toBe(true);
    });

    it('writes a name that looks like a formula as text, never as a formula', async () => {
      const name = '=HYPERLINK("http://evil.example","点我")';
      await f.household(world, { code: 'X-1', headName: name });
      await f.household(world, { code: 'X-2', headName: '@SUM(1+1)', address: '-2+3' });
      const exported = await exportLedger(t, world.admin, '?q=X-');
      const sheet = zipEntry(exported.body, 'xl/worksheets/sheet1.xml');
      expect(sheet).not.toContain('<f>');
      // An inline string in a Text-formatted (@) cell: shown as text, and still text if someone edits it.
      expect(sheet).toContain(
        '<c r="E2" s="1" t="inlineStr"><is><t>=HYPERLINK(&quot;http://evil.example&quot;,&quot;点我&quot;)</t>',
      );
      const book = await LedgerBook.from(exported.body);
      const cell = book.households.getCell('E2');
      expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
      expect(cell.formula).toBeUndefined();
      expect(cell.numFmt).toBe('@');
      expect(cell.text).toBe(name);
      expect(book.households.getCell('H3').text).toBe('-2+3');
      const again = (await upload(t, world.admin, exported.body, 'x.xlsx')).body;
      expect(again).toMatchObject({ unchanged: 2, failed: 0 });
    });
  });

  describe('CSV', () => {
    const csv = (rows: string[][], delimiter = ',') =>
      rows
        .map((r) => r.map((v) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)).join(delimiter))
        .join('\r\n');

    it('reads GBK (what Excel and WPS save on Chinese Windows) with Chinese names intact', async () => {
      const text = csv([
        ['户编号', '乡镇', '村', '户主姓名', '户主身份证号', '联系电话', '标识', '备注'],
        [
          'C-1',
          township,
          village,
          '龙秀英',
          residentId('female'),
          '13700000001',
          '低保,残疾',
          '含"引号"，和逗号',
        ],
        ['C-2', township, village, '彭德怀', residentId('male'), '', '', ''],
      ]);
      const response = await upload(t, world.admin, iconv.encode(text, 'gbk'), '台账.csv');
      expect(response.body).toMatchObject({
        created: 2,
        failed: 0,
        file: { format: 'csv', encoding: 'gb18030' },
      });
      expect(await get('C-1')).toMatchObject({
        headName: '龙秀英',
        flags: ['low_income', 'disabled'],
        note: '含"引号"，和逗号',
      });
      expect((await get('C-2')).headName).toBe('彭德怀');
    });

    it('reads UTF-8 with a BOM, tab-separated, and reports rows as Excel numbers them', async () => {
      const text = csv(
        [
          ['户编号', '乡镇', '村', '户主姓名', '户主身份证号'],
          ['C-3', township, village, '向秀兰', residentId('female')],
          ['C-4', township, village, '滕', 'not-an-id'],
        ],
        '\t',
      );
      const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
      const response = await upload(t, world.admin, bytes, 'ledger.txt');
      expect(response.body).toMatchObject({ created: 1, failed: 1, file: { encoding: 'utf-8-bom' } });
      expect(response.body.errors).toEqual([
        {
          sheet: '户籍台账',
          row: 3,
          column: 'E',
          header: '户主身份证号',
          field: 'headIdNumber',
          message: '身份证号格式不正确（应为18位，最后一位可为X）',
          value: 'not-an-id',
        },
      ]);
      expect((await get('C-3')).headName).toBe('向秀兰');
    });
  });

  describe('who may import', () => {
    it('lets an official import only into their own township', async () => {
      const book = await LedgerBook.from(await template(t, official));
      book.household({
        乡镇: township,
        村: village,
        户编号: 'O-1',
        户主姓名: '本镇户',
        户主身份证号: residentId(),
      });
      book.household({
        乡镇: otherTownship,
        村: otherVillage,
        户编号: 'O-2',
        户主姓名: '外镇户',
        户主身份证号: residentId(),
      });
      await f.household(world, { code: 'O-3', villageId: world.otherVillageId });
      book.household({
        乡镇: township,
        村: village,
        户编号: 'O-3',
        户主姓名: '改名',
        户主身份证号: residentId(),
      });
      book.household({
        乡镇: township,
        村: village,
        户编号: 'O-4',
        户主姓名: '意愿户',
        户主身份证号: residentId(),
        安置意愿: '后靠安置',
      });
      // An own-township household: an official may edit it by import, but not give it another cadre.
      const own = await f.household(world, { code: 'O-5', headName: '本镇老户', phone: '13900000055' });
      const ownId = ((await get('O-5')) as { headIdNumber: string }).headIdNumber;
      book.household({
        乡镇: township,
        村: village,
        户编号: 'O-5',
        户主姓名: '本镇老户',
        户主身份证号: ownId,
        联系电话: '13900000055',
        包户干部: (world.otherCadre as unknown as { username: string }).username,
      });
      const response = await upload(t, official, await book.buffer(), 'official.xlsx');
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ created: 1, failed: 4 });
      const scope = `只能导入本辖区（${township}）的移民户`;
      expect(response.body.errors).toEqual([
        expect.objectContaining({ row: 3, column: 'C', message: scope }),
        expect.objectContaining({
          row: 4,
          column: 'A',
          message: `该户不在您的管辖范围（${township}）内，不能修改`,
        }),
        expect.objectContaining({ row: 5, column: 'N', message: '只有该户的包户干部或指挥部可以登记意愿' }),
        expect.objectContaining({ row: 6, column: 'L', message: '只有指挥部可以更换包户干部' }),
      ]);
      expect((await get('O-5')).cadre.id).toBe(own.cadre.id);
      expect(await get('O-2')).toBeNull();
      expect((await get('O-3')).headName).not.toBe('改名');
      expect((await get('O-1')).townshipId).toBe(world.townshipId);
    });

    it('refuses cadres, supervisors and handlers outright', async () => {
      const bytes = await template(t, world.commander);
      for (const token of [world.cadre.token, world.supervisor, world.handler.token])
        expect((await upload(t, token, bytes)).status).toBe(403);
    });
  });
});
