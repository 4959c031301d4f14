import { describe, expect, it } from 'vitest';
import type { ImportResult } from './api';
import {
  acceptedFile,
  cellRef,
  errorRows,
  errorsBySheet,
  noteRows,
  summaryItems,
  writable,
} from './ledger-report';

const result: ImportResult = {
  dryRun: true,
  file: { name: '台账.xlsx', sha256: 'x', format: 'xlsx', encoding: null },
  households: 4,
  created: 2,
  updated: 1,
  unchanged: 0,
  failed: 1,
  errors: [
    {
      sheet: '户籍台账',
      row: 4,
      column: 'F',
      header: '户主身份证号',
      field: 'headIdNumber',
      message: '身份证号校验位不正确',
      value: '433101196504123450',
    },
    {
      sheet: '户籍台账',
      row: 5,
      column: null,
      header: null,
      field: 'members',
      message: '家庭成员须有户主',
      value: null,
    },
    {
      sheet: '家庭成员',
      row: 3,
      column: 'A',
      header: '户编号',
      field: 'code',
      message: '「户籍台账」中没有户编号为「N-9」的户',
      value: 'N-9',
    },
  ],
  notes: [
    { sheet: '户籍台账', row: 1, column: 'R', message: '未识别的列：备注2（已忽略）' },
    { sheet: '家庭成员', message: '第3–4行的户编号取自合并单元格' },
  ],
};

describe('the import report', () => {
  it('names each cell as Excel does, or the row when the issue is the whole row', () => {
    expect(cellRef('F', 4)).toBe('F4');
    expect(cellRef(null, 5)).toBe('第 5 行');
    expect(cellRef('R', undefined)).toBe('R 列');
    expect(cellRef(undefined, undefined)).toBe('—');
  });

  it('gives every error its sheet, cell, column header, value and message, in the server order', () => {
    expect(errorRows(result.errors)).toEqual([
      {
        key: 'e0',
        sheet: '户籍台账',
        row: 4,
        column: 'F',
        cell: 'F4',
        header: '户主身份证号',
        value: '433101196504123450',
        message: '身份证号校验位不正确',
      },
      {
        key: 'e1',
        sheet: '户籍台账',
        row: 5,
        column: null,
        cell: '第 5 行',
        header: null,
        value: null,
        message: '家庭成员须有户主',
      },
      {
        key: 'e2',
        sheet: '家庭成员',
        row: 3,
        column: 'A',
        cell: 'A3',
        header: '户编号',
        value: 'N-9',
        message: '「户籍台账」中没有户编号为「N-9」的户',
      },
    ]);
    expect(errorsBySheet(result.errors)).toBe('户籍台账 2 处、家庭成员 1 处');
  });

  it('keeps notes without a row or column', () => {
    expect(noteRows(result.notes).map((n) => [n.sheet, n.cell, n.message])).toEqual([
      ['户籍台账', 'R1', '未识别的列：备注2（已忽略）'],
      ['家庭成员', '—', '第3–4行的户编号取自合并单元格'],
    ]);
  });

  it('says what a dry run would do and what an import did', () => {
    expect(summaryItems(result).map((s) => `${s.label} ${s.value}`)).toEqual([
      '台账户数 4',
      '将新增 2',
      '将更新 1',
      '无变化 0',
      '有错误（不导入） 1',
    ]);
    expect(summaryItems({ ...result, dryRun: false })[1].label).toBe('已新增');
    expect(writable(result)).toBe(3);
  });

  it('takes .xlsx and .csv files only', () => {
    expect(acceptedFile('矮寨镇台账.XLSX')).toBe(true);
    expect(acceptedFile('a.csv')).toBe(true);
    expect(acceptedFile('a.xls')).toBe(false);
    expect(acceptedFile('a.xlsx.docx')).toBe(false);
  });
});
