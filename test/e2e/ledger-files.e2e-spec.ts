import { randomBytes } from 'node:crypto';
import { auth, Factory, residentId, World } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';
import { householdCount, LedgerBook, makeZip, orgUnits, template, upload } from './ledger.support';

/** Files that are not a ledger are refused whole, with a 4xx that says why, and change nothing. */
describe('ledger: bad files', () => {
  let t: TestApp;
  let world: World;
  let ledgerRow: Record<string, string>;

  beforeAll(async () => {
    // A small upload limit (and so a 3 MB limit on what an .xlsx may inflate to) keeps the bombs small.
    t = await createTestApp({ IMPORT_MAX_BYTES: '300000' });
    world = await new Factory(t).world();
    const units = await orgUnits(t, world.admin);
    ledgerRow = {
      户编号: 'B-1',
      乡镇: units.find((u) => u.id === world.townshipId)!.name,
      村: units.find((u) => u.id === world.villageId)!.name,
      户主姓名: '龙',
      户主身份证号: residentId(),
    };
  });
  afterAll(() => t.close());

  const workbookXml = Buffer.from(
    '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets><sheet name="户籍台账" sheetId="1" r:id="rId1"/></sheets></workbook>',
  );
  const contentTypes = Buffer.from('<?xml version="1.0"?><Types/>');

  const cases: [string, () => Promise<Buffer> | Buffer, string, number, string, string][] = [
    ['random bytes', () => randomBytes(4000), 'ledger.xlsx', 400, 'NOT_A_SPREADSHEET', '无法识别的文件'],
    [
      'a renamed .docx',
      () =>
        makeZip([
          { name: '[Content_Types].xml', content: contentTypes },
          { name: 'word/document.xml', content: Buffer.from('<w:document/>') },
        ]),
      'ledger.xlsx',
      400,
      'NOT_A_SPREADSHEET',
      '文件不是 Excel 表格（看起来是 Word 文档）',
    ],
    ['an empty file', () => Buffer.alloc(0), 'ledger.xlsx', 400, 'EMPTY_FILE', '文件为空'],
    [
      'an old .xls',
      () => Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), randomBytes(2000)]),
      'ledger.xls',
      400,
      'UNSUPPORTED_FORMAT',
      '不支持 .xls',
    ],
    [
      'a truncated .xlsx',
      async () => (await template(t, world.admin)).subarray(0, 3000),
      'ledger.xlsx',
      400,
      'CORRUPT_FILE',
      '文件已损坏',
    ],
    [
      'the template with no rows',
      () => template(t, world.admin),
      'ledger.xlsx',
      400,
      'NO_DATA_ROWS',
      '「户籍台账」没有数据行',
    ],
    [
      'a ledger without the resident-ID column',
      async () => {
        const book = await LedgerBook.from(await template(t, world.admin));
        book.household(ledgerRow);
        book.households.getCell('F1').value = null;
        return book.buffer();
      },
      'ledger.xlsx',
      400,
      'MISSING_COLUMNS',
      '「户籍台账」缺少必填列：户主身份证号',
    ],
    [
      'a CSV without 村 and 户主姓名',
      () => Buffer.from('户编号,乡镇,户主身份证号\nB-1,矮寨镇,433101195501010012\n'),
      'ledger.csv',
      400,
      'MISSING_COLUMNS',
      '「户籍台账」缺少必填列：村、户主姓名',
    ],
    [
      'a CSV of members',
      () => Buffer.from('户编号,姓名,身份证号,与户主关系\nB-1,龙,433101195501010012,户主\n'),
      'members.csv',
      400,
      'CSV_MEMBERS_UNSUPPORTED',
      'CSV 只能包含「户籍台账」的列',
    ],
    [
      'a file over the size limit',
      () => Buffer.alloc(400_000, 0x41),
      'big.csv',
      413,
      'FILE_TOO_LARGE',
      '文件超过 0.3 MB 的上限',
    ],
    [
      'a zip bomb',
      () =>
        makeZip([
          { name: '[Content_Types].xml', content: contentTypes },
          { name: 'xl/workbook.xml', content: workbookXml },
          { name: 'xl/worksheets/sheet1.xml', content: Buffer.alloc(50_000_000) },
        ]),
      'bomb.xlsx',
      400,
      'UNCOMPRESSED_TOO_LARGE',
      '文件解压后超过',
    ],
    [
      'a zip bomb that lies about its size',
      () =>
        makeZip([
          { name: '[Content_Types].xml', content: contentTypes },
          { name: 'xl/workbook.xml', content: workbookXml },
          { name: 'xl/worksheets/sheet1.xml', content: Buffer.alloc(50_000_000), declaredSize: 1000 },
        ]),
      'bomb.xlsx',
      400,
      'UNCOMPRESSED_TOO_LARGE',
      '文件解压后超过',
    ],
  ];

  it.each(cases)('refuses %s and writes nothing', async (_what, content, name, status, code, message) => {
    const before = await householdCount(t, world.admin);
    const response = await upload(t, world.admin, await content(), name);
    expect(response.status).toBe(status);
    expect(response.body.code).toBe(code);
    expect(response.body.message).toContain(message);
    expect(await householdCount(t, world.admin)).toBe(before);
  });

  it('names every missing column in the details', async () => {
    const book = await LedgerBook.from(await template(t, world.admin));
    book.household(ledgerRow);
    book.households.getCell('C1').value = '村庄';
    book.households.getCell('F1').value = null;
    const response = await upload(t, world.admin, await book.buffer());
    expect(response.status).toBe(400);
    expect(response.body.details).toEqual([
      { field: '村', message: '缺少此列' },
      { field: '户主身份证号', message: '缺少此列' },
    ]);
  });

  it('asks for the file when there is none', async () => {
    const multipart = await t.http
      .post('/api/v1/households/import')
      .set(auth(world.admin))
      .field('note', 'x');
    expect(multipart.status).toBe(400);
    expect(multipart.body.code).toBe('NO_FILE');
    const misnamed = await t.http
      .post('/api/v1/households/import')
      .set(auth(world.admin))
      .attach('ledger', Buffer.from('户编号\n'), '台账.csv');
    expect(misnamed.status).toBe(400);
    expect(misnamed.body).toMatchObject({ code: 'NO_FILE', message: '请上传台账文件（表单字段 file）' });
    const json = await t.http.post('/api/v1/households/import').set(auth(world.admin)).send({ file: 'x' });
    expect(json.status).toBe(400);
  });

  it('still imports a good file after all that, and writes no summary for the refused ones', async () => {
    const book = await LedgerBook.from(await template(t, world.admin));
    book.household(ledgerRow);
    const response = await upload(t, world.admin, await book.buffer());
    expect(response.body).toMatchObject({ created: 1, failed: 0 });
    const summaries = await t.http.get('/api/v1/audit?entityType=ledger_import').set(auth(world.admin));
    expect(summaries.body.total).toBe(1);
  });
});
