import { ooxmlWorkbook, makeZip } from '../../../../test/support/ooxml-workbook';
import { AppConfig } from '../../../config/app-config';
import { LedgerReader } from '../ledger-reader';

/** Workbooks as LibreOffice and openpyxl write them (not exceljs): merged cells, numbers, totals. */
const reader = new LedgerReader({ importMaxBytes: 20 * 1024 * 1024 } as AppConfig);
const HOUSEHOLD = ['户编号', '村', '户主姓名', '户主身份证号', '联系方式', '备注2'];
const MEMBER = ['户编号', '姓名', '身份证号', '与户主关系'];

const refusal = async (buffer: Buffer, name = 'ledger.xlsx') => {
  try {
    await reader.read(buffer, name);
  } catch (error) {
    return error as { code: string; message: string };
  }
  throw new Error('not refused');
};

describe('LedgerReader on workbooks not written by exceljs', () => {
  it('fills merged cells down in every column, notes them, and skips total lines', async () => {
    for (const inlineStrings of [false, true]) {
      const buffer = ooxmlWorkbook(
        [
          {
            name: '户籍台账',
            rows: [
              ['大兴寨村移民户花名册'],
              HOUSEHOLD,
              ['A-1', '大兴寨村', '龙一', '433101195501010012', 13812345678],
              ['A-2', null, '龙二', '433101195501010020'],
              ['合计', null, null, null, null, '2户'],
            ],
            merges: ['A1:F1', 'B3:B4', 'A5:D5'],
          },
          {
            name: '家庭成员',
            rows: [
              MEMBER,
              ['A-1', '龙一', '433101195501010012', '户主'],
              [null, '田妹', '433101195601010024', '妻'],
              [null, '龙小', '433101198001010031', '长子'],
              ['A-2', '龙二', '433101195501010020', '户主'],
              ['小计'],
            ],
            merges: ['A2:A4'],
          },
        ],
        { inlineStrings },
      );
      const file = await reader.read(buffer, 'ledger.xlsx');
      const households = file.households;
      expect(households.rows.map((r) => households.get(r, 'village'))).toEqual(['大兴寨村', '大兴寨村']);
      expect(households.isNumber(households.rows[0], 'phone')).toBe(true);
      expect(households.isNumber(households.rows[0], 'headIdNumber')).toBe(false);
      const members = file.members!;
      expect(members.rows.map((r) => members.get(r, 'code'))).toEqual(['A-1', 'A-1', 'A-1', 'A-2']);
      expect(file.notes.list()).toEqual([
        { sheet: '户籍台账', row: 2, column: 'F', message: '未识别的列：备注2（已忽略）' },
        { sheet: '户籍台账', row: 3, column: 'B', message: '第3–4行的村取自合并单元格' },
        { sheet: '户籍台账', row: 5, message: '第5行是合计行，已跳过（不计入户数）' },
        { sheet: '家庭成员', row: 2, column: 'A', message: '第2–4行的户编号取自合并单元格' },
        { sheet: '家庭成员', row: 6, message: '第6行是合计行，已跳过（不计入户数）' },
      ]);
    }
  });

  it('says which cell of a merge across columns it read, and skips a 栏次 row', async () => {
    const buffer = ooxmlWorkbook([
      {
        name: '户籍台账',
        rows: [
          HOUSEHOLD,
          ['1', '2', '3', '4', '5', '6'],
          ['A-1', '大兴寨村', '龙一', '433101195501010012', '13812345678'],
        ],
        merges: ['E3:F3'],
      },
    ]);
    const file = await reader.read(buffer, 'ledger.xlsx');
    expect(file.households.rows.map((r) => r.row)).toEqual([3]);
    expect(file.notes.list()).toEqual([
      { sheet: '户籍台账', row: 1, column: 'F', message: '未识别的列：备注2（已忽略）' },
      { sheet: '户籍台账', row: 2, message: '第2行是栏次（列序号）行，已跳过' },
      {
        sheet: '户籍台账',
        row: 3,
        column: 'E',
        message: '第3行 E–F 列是合并单元格，只读取了 E 列（联系方式）',
      },
    ]);
  });

  it('refuses a two-row header, naming its rows', async () => {
    const merged = ooxmlWorkbook([
      {
        name: '户籍台账',
        rows: [
          ['户编号', '村', '户主', null, '房屋情况', null],
          [null, null, '姓名', '身份证号', '面积', '结构'],
          ['A-1', '大兴寨村', '龙一', '433101195501010012', 80, '砖混'],
        ],
        merges: ['A1:A2', 'B1:B2', 'C1:D1', 'E1:F1'],
      },
    ]);
    expect(await refusal(merged)).toMatchObject({
      code: 'TWO_ROW_HEADER',
      message: expect.stringContaining('表头须为一行：第 1–2 行'),
    });
    const unmerged = ooxmlWorkbook([
      {
        name: '户籍台账',
        rows: [
          ['台账'],
          ['户编号', '村', '户主姓名', '户主身份证号', '房屋情况'],
          [null, null, null, null, '面积', '结构'],
          ['A-1', '大兴寨村', '龙一', '433101195501010012', 80, '砖混'],
        ],
      },
    ]);
    expect(await refusal(unmerged)).toMatchObject({
      code: 'TWO_ROW_HEADER',
      message: expect.stringContaining('第 2–3 行'),
    });
  });

  it('refuses an OpenDocument spreadsheet by name', async () => {
    const ods = makeZip([
      {
        name: 'mimetype',
        content: Buffer.from('application/vnd.oasis.opendocument.spreadsheet'),
        stored: true,
      },
      { name: 'content.xml', content: Buffer.from('<office:document-content/>') },
    ]);
    // Whatever it is called: the zip's mimetype entry says what it is.
    for (const name of ['台账.ods', '台账.xlsx'])
      expect(await refusal(ods, name)).toMatchObject({
        code: 'UNSUPPORTED_FORMAT',
        message: expect.stringContaining('不支持 .ods 格式，请另存为 .xlsx'),
      });
  });
});
