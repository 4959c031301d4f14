import { importReport } from '../ledger-cli-report';

describe('ledger command output', () => {
  it('prints the errors, then the notes, then the counts', () => {
    const lines = importReport(
      {
        dryRun: true,
        file: { name: '台账.xlsx', sha256: 'x', format: 'xlsx', encoding: null },
        households: 3,
        created: 1,
        updated: 0,
        unchanged: 1,
        failed: 1,
        errors: [
          {
            sheet: '户籍台账',
            row: 4,
            column: 'F',
            header: '户主身份证号',
            field: 'headIdNumber',
            message: '身份证号被存成了数字，后几位已丢失：请把该列设为文本格式后重新填写',
            value: '433101196504120000',
          },
        ],
        notes: [
          { sheet: '户籍台账', row: 2, column: 'L', message: '未识别的列：备注2（已忽略）' },
          { sheet: '户籍台账', row: 9, message: '第9行是合计行，已跳过（不计入户数）' },
        ],
      },
      1.23,
    );
    expect(lines).toEqual([
      '户籍台账 第 4 行 F 列（户主身份证号）：身份证号被存成了数字，后几位已丢失：请把该列设为文本格式后重新填写',
      '提示：户籍台账 L 列：未识别的列：备注2（已忽略）',
      '提示：户籍台账：第9行是合计行，已跳过（不计入户数）',
      '[试导入，未写入] 3 户：新增 1，更新 0，未变 1，失败 1（1.2 秒）',
    ]);
  });
});
