import * as ExcelJS from 'exceljs';
import { Writable } from 'node:stream';
import { safeText } from './ledger-cells';
import {
  columnLetter,
  FIXED_LISTS,
  GUIDE_LINES,
  GUIDE_SHEET,
  HOUSEHOLD_COLUMNS,
  HOUSEHOLD_SHEET,
  LedgerColumn,
  LIST_ORDER,
  LIST_TITLES,
  ListName,
  LISTS_SHEET,
  MEMBER_COLUMNS,
  MEMBER_SHEET,
} from './ledger-format';

type Sheet = ExcelJS.Worksheet;
export type CellInput = string | number | null | undefined;

/**
 * Drop-downs cover the written rows plus room to add more (at least 2,000 rows; copying a row down in Excel copies its drop-downs): not whole columns, since
 * libraries that read validations cell by cell (exceljs among them) would expand a million-row range.
 */
const MIN_VALIDATED_ROWS = 2_000;
const EXTRA_VALIDATED_ROWS = 1_000;
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };

/**
 * The ledger workbook (template and export are the same format), written as a stream: rows are committed
 * as they come, so an export of 100,000 households never holds more than a page in memory. Sheets must be
 * filled in order (户籍台账, then 家庭成员): the zip is written one entry after the other.
 */
export class LedgerWorkbook {
  private readonly workbook: ExcelJS.stream.xlsx.WorkbookWriter;
  private readonly households: Sheet;
  private readonly members: Sheet;
  private readonly lists: Record<ListName, string[]>;
  private householdRows = 0;
  private memberRows = 0;

  constructor(stream: Writable, dynamicLists: { township: string[]; village: string[] }, withGuide: boolean) {
    this.workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
      stream,
      useStyles: true,
      useSharedStrings: false,
    });
    this.workbook.creator = '大兴寨水库移民安置管理系统';
    this.lists = { ...FIXED_LISTS, ...dynamicLists };
    this.households = this.dataSheet(HOUSEHOLD_SHEET, HOUSEHOLD_COLUMNS);
    this.members = this.dataSheet(MEMBER_SHEET, MEMBER_COLUMNS);
    const guide = withGuide ? this.workbook.addWorksheet(GUIDE_SHEET) : null;
    this.writeLists(this.workbook.addWorksheet(LISTS_SHEET, { state: 'hidden' }));
    if (guide) this.writeGuide(guide);
  }

  addHousehold(values: CellInput[]): void {
    this.households.addRow(values.map(cell)).commit();
    this.householdRows++;
  }

  addMember(values: CellInput[]): void {
    this.members.addRow(values.map(cell)).commit();
    this.memberRows++;
  }

  /** Call once every household row is written, before the first member row. */
  endHouseholds(): void {
    this.commitSheet(this.households, HOUSEHOLD_COLUMNS, this.householdRows);
  }

  async finish(): Promise<void> {
    this.commitSheet(this.households, HOUSEHOLD_COLUMNS, this.householdRows);
    this.commitSheet(this.members, MEMBER_COLUMNS, this.memberRows);
    await this.workbook.commit();
  }

  /** Validations are written with the sheet's end, so they can cover exactly the rows there are. */
  private commitSheet(sheet: Sheet, columns: LedgerColumn[], rows: number): void {
    if ((sheet as unknown as { committed: boolean }).committed) return;
    this.addValidations(sheet, columns, Math.max(MIN_VALIDATED_ROWS, rows + EXTRA_VALIDATED_ROWS) + 1);
    sheet.commit();
  }

  private dataSheet(name: string, columns: LedgerColumn[]): Sheet {
    const sheet = this.workbook.addWorksheet(name, {
      views: [{ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' }],
    });
    sheet.columns = columns.map((c) => ({
      key: c.key,
      width: c.width,
      style: c.text ? { numFmt: '@' } : {},
    }));
    const header = sheet.addRow(columns.map((c) => c.header));
    columns.forEach((column, index) => {
      const target = header.getCell(index + 1);
      target.fill = HEADER_FILL;
      target.font = { bold: true, color: column.required ? { argb: 'FFC00000' } : undefined };
      target.alignment = { vertical: 'middle', horizontal: 'center' };
    });
    header.commit();
    return sheet;
  }

  private addValidations(sheet: Sheet, columns: LedgerColumn[], lastRow: number): void {
    // Range validations exist in exceljs (one <dataValidation sqref> per column) but not in its types.
    const validations = (sheet as unknown as { dataValidations: { add(range: string, rule: object): void } })
      .dataValidations;
    columns.forEach((column, index) => {
      const letter = columnLetter(index);
      const range = `${letter}2:${letter}${lastRow}`;
      const prompt = column.prompt
        ? { showInputMessage: true, promptTitle: column.header, prompt: column.prompt }
        : {};
      const list = column.list ? this.lists[column.list] : [];
      if (column.list && list.length) {
        const listColumn = columnLetter(LIST_ORDER.indexOf(column.list));
        const fixed = column.list !== 'township' && column.list !== 'village';
        validations.add(range, {
          type: 'list',
          allowBlank: true,
          formulae: [`'${LISTS_SHEET}'!$${listColumn}$2:$${listColumn}$${list.length + 1}`],
          // Several 标识 go in one cell, and a village may be given by code: suggest, do not refuse.
          showErrorMessage: !column.multi,
          errorStyle: fixed ? 'stop' : 'warning',
          errorTitle: column.header,
          error: fixed ? '请从下拉列表中选择' : '不在列表中，请确认名称或代码',
          ...prompt,
        });
      } else if (column.prompt) {
        validations.add(range, { type: 'any', allowBlank: true, ...prompt });
      }
    });
  }

  private writeLists(sheet: Sheet): void {
    const lists = this.lists;
    sheet.columns = LIST_ORDER.map((name) => ({ key: name, width: 20, style: { numFmt: '@' } }));
    sheet.addRow(LIST_ORDER.map((name) => LIST_TITLES[name])).commit();
    const longest = Math.max(...LIST_ORDER.map((name) => lists[name].length));
    for (let i = 0; i < longest; i++) sheet.addRow(LIST_ORDER.map((name) => cell(lists[name][i]))).commit();
    sheet.commit();
  }

  private writeGuide(sheet: Sheet): void {
    sheet.columns = [{ key: 'text', width: 120 }];
    GUIDE_LINES.forEach((line, index) => {
      const row = sheet.addRow([line]);
      if (index === 0) row.font = { bold: true, size: 14 };
      row.commit();
    });
    sheet.commit();
  }
}

function cell(value: CellInput): ExcelJS.CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return value;
  return safeText(value);
}
