import { expect, type Locator, type Page, test } from '@playwright/test';
import ExcelJS from 'exceljs';
import { readFile } from 'node:fs/promises';
import { keep, login, watchConsole } from './support';

/** Unique per run: every spec shares one server and one database. */
const tag = `LT${Date.now().toString(36).toUpperCase()}`;

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/** A valid GB 11643 resident ID (吉首市), random enough not to meet the demo data's. */
function residentId(sex: 'male' | 'female'): string {
  const year = 1950 + Math.floor(Math.random() * 50);
  const month = String(1 + Math.floor(Math.random() * 12)).padStart(2, '0');
  const day = String(1 + Math.floor(Math.random() * 28)).padStart(2, '0');
  let order = Math.floor(Math.random() * 998) + 1;
  if ((order % 2 === 1) !== (sex === 'male')) order += 1;
  const body = `433101${year}${month}${day}${String(order).padStart(3, '0')}`;
  const sum = [...body].reduce((total, digit, i) => total + Number(digit) * WEIGHTS[i], 0);
  return body + '10X98765432'[sum % 11];
}
/** The same ID with its check digit changed: the checksum no longer holds. */
const badChecksum = (id: string) => id.slice(0, 17) + (id[17] === '1' ? '2' : '1');

type Rows = Record<string, string>[];

/** A ledger made from the downloaded template, its cells written under the template's own headers. */
async function ledgerFrom(template: Buffer, households: Rows, members: Rows): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(template as unknown as ArrayBuffer);
  const fill = (sheetName: string, rows: Rows) => {
    const sheet = book.getWorksheet(sheetName)!;
    const headers = new Map<string, number>();
    sheet.getRow(1).eachCell((cell, column) => headers.set(String(cell.value), column));
    rows.forEach((values, index) => {
      const row = sheet.getRow(2 + index);
      for (const [header, value] of Object.entries(values)) row.getCell(headers.get(header)!).value = value;
      row.commit();
    });
  };
  fill('户籍台账', households);
  fill('家庭成员', members);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** The column letter of a header in a sheet of the template, as Excel shows it. */
async function columnOf(template: Buffer, sheetName: string, header: string): Promise<string> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(template as unknown as ArrayBuffer);
  let letter = '';
  book
    .getWorksheet(sheetName)!
    .getRow(1)
    .eachCell((cell) => {
      if (cell.value === header) letter = cell.address.replace(/\d+$/, '');
    });
  return letter;
}

async function upload(page: Page, name: string, buffer: Buffer): Promise<void> {
  await page.locator('input[type=file]').setInputFiles({
    name,
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer,
  });
}

/** Every row of a table as its cells' texts. */
const cells = (table: Locator) =>
  table
    .locator('tbody tr')
    .evaluateAll((rows) =>
      rows.map((tr) => Array.from((tr as HTMLTableRowElement).cells, (td) => td.innerText.trim())),
    );

/** The list's "共 N 户" once the server's answer for this URL has arrived (not the 0 shown while loading). */
async function householdTotal(list: Page, query = ''): Promise<string> {
  const answered = list.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/households' && r.ok());
  await list.goto(`/households${query}`);
  const { total } = (await (await answered).json()) as { total: number };
  // An empty table has no pagination: it shows antd's empty state instead.
  if (total === 0) await expect(list.getByTestId('households-table').locator('.ant-empty')).toBeVisible();
  else await expect(list.locator('.ant-pagination-total-text')).toHaveText(`共 ${total} 户`);
  return `共 ${total} 户`;
}

test('official: template → dry run with every error at its cell, nothing written → import → export', async ({
  page,
  context,
}) => {
  test.setTimeout(150_000); // two pages, three uploads and two downloads, on a shared two-core machine
  const problems = watchConsole(page);
  await login(page, 'official');
  const list = await context.newPage(); // the household list beside the ledger page, same session
  const listProblems = watchConsole(list);
  const totalBefore = await householdTotal(list);

  await page.goto('/ledger');
  await expect(page.getByTestId('ledger-upload')).toBeVisible();
  await keep(page, 'ledger');

  // The template, saved as the browser saves it.
  const templateSaved = page.waitForEvent('download');
  await page.getByTestId('download-template').click();
  const templateFile = await templateSaved;
  expect(templateFile.suggestedFilename()).toBe('户籍台账模板.xlsx');
  const template = await readFile(await templateFile.path());

  const ids = {
    h1: residentId('male'),
    h2: residentId('male'),
    h3: residentId('male'),
    h4: residentId('male'),
    spouse: residentId('female'),
  };
  const base = { 乡镇: '矮寨镇', 村: '大兴寨村', 组: '3组' };
  const good = [
    { ...base, 户编号: `${tag}-1`, 户主姓名: '龙测一', 户主身份证号: ids.h1 },
    { ...base, 户编号: `${tag}-2`, 户主姓名: '石测二', 户主身份证号: ids.h2 },
    { ...base, 户编号: `${tag}-3`, 户主姓名: '麻测三', 户主身份证号: ids.h3 },
    { ...base, 户编号: `${tag}-4`, 户主姓名: '吴测四', 户主身份证号: ids.h4 },
  ];
  const spouse = { 户编号: `${tag}-3`, 姓名: '田测妻', 身份证号: ids.spouse, 与户主关系: '配偶' };
  const withErrors = await ledgerFrom(
    template,
    [
      { ...good[0], 户主身份证号: badChecksum(ids.h1) }, // row 2: the ID's check digit
      { ...good[1], 村: '不存在村' }, // row 3: no such village in 矮寨镇
      good[2],
      good[3],
    ],
    [{ ...spouse, 性别: '男' }], // 家庭成员 row 2: a woman's ID
  );
  const [idColumn, villageColumn, sexColumn] = await Promise.all([
    columnOf(template, '户籍台账', '户主身份证号'),
    columnOf(template, '户籍台账', '村'),
    columnOf(template, '家庭成员', '性别'),
  ]);

  // Dry run: every error at its sheet, row and column, with the cell's value; nothing written.
  await upload(page, `${tag}-有错误.xlsx`, withErrors);
  await expect(page.getByTestId('dry-run')).toBeVisible();
  await expect(page.getByTestId('summary-households')).toContainText('4');
  await expect(page.getByTestId('summary-created')).toContainText('1');
  await expect(page.getByTestId('summary-failed')).toContainText('3');
  await expect(page.getByTestId('ledger-errors').locator('tbody tr')).toHaveCount(3);
  expect(await cells(page.getByTestId('ledger-errors'))).toEqual([
    ['户籍台账', '2', idColumn, `${idColumn}2`, '户主身份证号', badChecksum(ids.h1), '身份证号校验位不正确'],
    [
      '户籍台账',
      '3',
      villageColumn,
      `${villageColumn}3`,
      '村',
      '不存在村',
      '乡镇「矮寨镇」下没有名为「不存在村」的村',
    ],
    ['家庭成员', '2', sexColumn, `${sexColumn}2`, '性别', '男', '性别与身份证号不符（身份证号显示为女）'],
  ]);
  await keep(page, 'ledger-dry-run');
  expect(await householdTotal(list)).toBe(totalBefore);
  expect(await householdTotal(list, `?q=${tag}`)).toBe('共 0 户');

  // A file refused whole says why, in Chinese.
  await page.getByRole('button', { name: '重新选择文件' }).click();
  await upload(page, 'not-a-ledger.xlsx', Buffer.from('this is not a spreadsheet'));
  await expect(page.getByTestId('import-refused')).toContainText('没有导入任何数据');
  await expect(page.getByTestId('import-refused')).toContainText(
    '「户籍台账」缺少必填列：户编号、村、户主姓名、户主身份证号',
  );

  // The corrected file: no errors in the dry run, then 确认导入 writes it.
  const valid = await ledgerFrom(template, good, [{ ...spouse, 性别: '女' }]);
  await upload(page, `${tag}.xlsx`, valid);
  await expect(page.getByTestId('dry-run')).toContainText('没有发现错误');
  await expect(page.getByTestId('summary-created')).toContainText('4');
  await page.getByTestId('confirm-import').click();
  await expect(page.getByTestId('import-done')).toContainText('新增 4 户');
  await expect(page.getByTestId('summary-created')).toContainText('4');
  await keep(page, 'ledger-imported');

  // The households are in the list; 导出台账 there writes what the list shows.
  expect(await householdTotal(list, `?q=${tag}`)).toBe('共 4 户');
  await expect(list.getByTestId('households-table')).toContainText(`${tag}-3`);
  await expect(list.getByTestId('households-table')).toContainText('麻测三');
  const exported = list.waitForEvent('download');
  await list.getByTestId('export-ledger').click();
  const exportFile = await exported;
  expect(exportFile.suggestedFilename()).toMatch(/^户籍台账-\d{8}\.xlsx$/);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load((await readFile(await exportFile.path())) as unknown as ArrayBuffer);
  const sheet = book.getWorksheet('户籍台账')!;
  const codes: string[] = [];
  sheet.eachRow((row, number) => {
    if (number > 1) codes.push(String(row.getCell(1).value));
  });
  expect(codes.sort()).toEqual([1, 2, 3, 4].map((n) => `${tag}-${n}`));
  const members: string[] = [];
  book.getWorksheet('家庭成员')!.eachRow((row) => members.push(String(row.getCell(2).value)));
  expect(members).toContain('田测妻');

  expect(problems).toEqual([]);
  expect(listProblems).toEqual([]);
});

test('an export the server refuses shows its message instead of saving a file', async ({ page }) => {
  const problems = watchConsole(page);
  await login(page, 'commander');
  await page.goto('/ledger?stage=no-such-stage');
  let saved = false;
  page.on('download', () => {
    saved = true;
  });
  await page.getByTestId('export-ledger').click();
  await expect(page.locator('.ant-message')).toContainText('取值无效');
  expect(saved).toBe(false);
  expect(problems).toEqual([]);
});
