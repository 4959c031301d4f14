import type * as ExcelJS from 'exceljs';
import { exceljs } from '../../common/xlsx/exceljs';
import { Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { looksLikeFormula, safeText } from './ledger-cells';
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
/** Bytes of sheet XML allowed to wait for the compressor before the writer pauses. */
const MAX_BACKLOG = 256 * 1024;

/** The internals of the (readable-stream) PassThrough through which archiver takes a sheet's XML. */
interface StreamState {
  _writableState?: { length: number };
  _readableState?: { length: number };
}
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
  private readonly textStyleId: number;
  private householdRows = 0;
  private memberRows = 0;

  constructor(stream: Writable, dynamicLists: { township: string[]; village: string[] }, withGuide: boolean) {
    this.workbook = new (exceljs().stream.xlsx.WorkbookWriter)({
      stream,
      useStyles: true,
      useSharedStrings: false,
    });
    this.workbook.creator = '大兴寨水库移民安置管理系统';
    this.lists = { ...FIXED_LISTS, ...dynamicLists };
    const styles = (
      this.workbook as unknown as { styles: { addStyleModel(style: object, type: number): number } }
    ).styles;
    this.textStyleId = styles.addStyleModel({ numFmt: '@' }, exceljs().ValueType.String);
    this.households = this.dataSheet(HOUSEHOLD_SHEET, HOUSEHOLD_COLUMNS);
    this.members = this.dataSheet(MEMBER_SHEET, MEMBER_COLUMNS);
    const guide = withGuide ? this.workbook.addWorksheet(GUIDE_SHEET) : null;
    this.writeLists(this.workbook.addWorksheet(LISTS_SHEET, { state: 'hidden' }));
    if (guide) this.writeGuide(guide);
  }

  addHousehold(values: CellInput[]): void {
    this.householdRows++;
    this.writeRow(this.households, HOUSEHOLD_TEXT, this.householdRows + 1, values);
  }

  addMember(values: CellInput[]): void {
    this.memberRows++;
    this.writeRow(this.members, MEMBER_TEXT, this.memberRows + 1, values);
  }

  /**
   * A data row written as sheet XML directly to the sheet's stream. exceljs builds a row, cell, value and
   * style object per cell and serializes each style to look it up: about 100 KB of garbage per household,
   * which at 100,000 households is most of an export's time and memory. Strings are inline strings; text
   * columns, and any text that starts like a formula, carry the Text (@) format.
   */
  private writeRow(sheet: Sheet, text: boolean[], rowNumber: number, values: CellInput[]): void {
    let xml = `<row r="${rowNumber}">`;
    for (let i = 0; i < values.length; i++) {
      const value = values[i];
      if (value === null || value === undefined || value === '') continue;
      const ref = `${LETTERS[i]}${rowNumber}`;
      if (typeof value === 'number') {
        if (Number.isFinite(value)) xml += `<c r="${ref}"><v>${value}</v></c>`;
        continue;
      }
      const style = text[i] || looksLikeFormula(value) ? ` s="${this.textStyleId}"` : '';
      const space = /^\s|\s$/.test(value) ? ' xml:space="preserve"' : '';
      xml += `<c r="${ref}"${style} t="inlineStr"><is><t${space}>${xmlText(value)}</t></is></c>`;
    }
    (sheet as unknown as { stream: Writable }).stream.write(`${xml}</row>`);
  }

  /**
   * Waits while the zip is behind. exceljs hands a sheet's XML to the compressor without heeding its
   * backpressure, and the compressor only moves when the event loop is free: without this an export
   * would pile its own output up in memory.
   */
  async flow(): Promise<void> {
    const sheet = (this.isCommitted(this.households) ? this.members : this.households) as unknown as {
      stream: { pipes: StreamState[]; buffers: unknown[] };
    };
    for (;;) {
      await new Promise((resolve) => setImmediate(resolve));
      const target = sheet.stream.pipes[0];
      const backlog = target
        ? (target._writableState?.length ?? 0) + (target._readableState?.length ?? 0)
        : sheet.stream.buffers.length * 65_536;
      if (backlog <= MAX_BACKLOG) return;
      await sleep(2);
    }
  }

  private isCommitted(sheet: Sheet): boolean {
    return (sheet as unknown as { committed: boolean }).committed;
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
    if (this.isCommitted(sheet)) return;
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

const HOUSEHOLD_TEXT = HOUSEHOLD_COLUMNS.map((c) => c.text === true);
const MEMBER_TEXT = MEMBER_COLUMNS.map((c) => c.text === true);
const LETTERS = Array.from({ length: 26 }, (_, i) => columnLetter(i));

// Characters XML 1.0 does not allow in a document (C0 controls but tab, LF, CR; U+FFFE/FFFF; lone surrogates).
const NOT_XML =
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

function xmlText(value: string): string {
  return value.replace(NOT_XML, '').replace(/[&<>"]/g, (c) => ESCAPES[c]);
}

function cell(value: CellInput): ExcelJS.CellValue | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  if (typeof value === 'number') return value;
  return safeText(value);
}
