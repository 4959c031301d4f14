import * as ExcelJS from 'exceljs';
import { AppConfig } from '../../../config/app-config';
import { LedgerReader } from '../ledger-reader';

const reader = new LedgerReader({ importMaxBytes: 20 * 1024 * 1024 } as AppConfig);
const HEADERS = ['户编号', '村', '户主姓名', '户主身份证号', '家庭住址'];
const address = (n: number) => `湘西土家族苗族自治州吉首市矮寨镇大兴寨村${n}组${'龙'.repeat(n % 7)}`;

describe('LedgerReader', () => {
  it('keeps every Chinese character intact across the zip stream’s chunk boundaries', async () => {
    for (const useSharedStrings of [true, false]) {
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet('户籍台账');
      sheet.addRow(HEADERS);
      for (let n = 1; n <= 3000; n++)
        sheet.addRow([`AZ-${n}`, '大兴寨村', `龙秀英${n}`, '433101195501010012', address(n)]);
      const buffer = Buffer.from(
        useSharedStrings
          ? await workbook.xlsx.writeBuffer()
          : await workbook.xlsx.writeBuffer({ useSharedStrings: false } as never),
      );
      const file = await reader.read(buffer, 'ledger.xlsx');
      expect(file.households.rows).toHaveLength(3000);
      file.households.rows.forEach((row, index) => {
        expect(file.households.get(row, 'headName')).toBe(`龙秀英${index + 1}`);
        expect(file.households.get(row, 'address')).toBe(address(index + 1));
      });
    }
  });

  it('reads dates, rich text, formulas by their value, booleans and numbers as text', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('户籍台账');
    sheet.addRow([...HEADERS, '备注', '主房面积(㎡)']);
    sheet.addRow([
      { richText: [{ text: 'AZ-' }, { text: '9', font: { bold: true } }] },
      { formula: 'CONCATENATE("大兴","寨村")', result: '大兴寨村' },
      '龙 & <秀英>',
      433101195501010012n.toString(),
      new Date(Date.UTC(1980, 2, 5)),
      true,
      120.5,
    ]);
    sheet.getCell('E2').numFmt = 'yyyy"年"m"月"d"日"';
    const file = await reader.read(Buffer.from(await workbook.xlsx.writeBuffer()), 'x.xlsx');
    const row = file.households.rows[0];
    const get = (key: Parameters<typeof file.households.get>[1]) => file.households.get(row, key);
    expect([
      get('code'),
      get('village'),
      get('headName'),
      get('address'),
      get('note'),
      get('floorArea'),
    ]).toEqual(['AZ-9', '大兴寨村', '龙 & <秀英>', '1980-03-05', 'TRUE', '120.5']);
  });

  it('finds the header below a title row and numbers rows as Excel does', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Sheet1');
    sheet.addRow(['大兴寨水库移民户籍台账']);
    sheet.addRow(['序号', ...HEADERS]);
    sheet.addRow([1, 'AZ-1', '大兴寨村', '龙', 433101195501010012n.toString(), '']);
    sheet.addRow([]);
    sheet.addRow([2, 'AZ-2', '大兴寨村', '石', '433101195501010012', '']);
    const file = await reader.read(Buffer.from(await workbook.xlsx.writeBuffer()), 'x.xlsx');
    expect(file.households.rows.map((r) => r.row)).toEqual([3, 5]);
    expect(file.households.get(file.households.rows[1], 'code')).toBe('AZ-2');
    expect(file.members).toBeNull();
  });
});
