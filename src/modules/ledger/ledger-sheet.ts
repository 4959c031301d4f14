import { LedgerErrors } from './ledger.errors';
import {
  columnLetter,
  HOUSEHOLD_SHEET,
  HouseholdKey,
  LedgerColumn,
  MEMBER_SHEET,
  MemberKey,
} from './ledger-format';
import {
  COLUMNS,
  columnOf,
  combineHeaderRows,
  HeaderMatch,
  isColumnNumberRow,
  isHeader,
  isRowNumberHeader,
  isTotalText,
  KINDS,
  looksLikeSubHeader,
  matchHeader,
  SheetKind,
} from './ledger-header';
import { Notes } from './ledger-notes';
import { MergeRange } from './xlsx-reader';

export interface SheetRow {
  /** The row number Excel shows. */
  row: number;
  values: string[];
  /** Indexes of cells stored as numbers (not text): an ID or phone there may have lost digits. */
  numbers?: number[];
}

/** One sheet of an uploaded ledger: which column holds what, and the non-empty data rows. */
export class LedgerSheet<K extends string> {
  constructor(
    readonly name: string,
    readonly columns: LedgerColumn<K>[],
    readonly positions: Map<K, number>,
    readonly rows: SheetRow[],
  ) {}

  has(key: K): boolean {
    return this.positions.has(key);
  }

  /** The cell's text; undefined when the file has no such column (the field is then left as it is). */
  get(row: SheetRow, key: K): string | undefined {
    const index = this.positions.get(key);
    return index === undefined ? undefined : (row.values[index] ?? '');
  }

  /** Whether the cell was stored as a number (an .xlsx number cell), not as text. */
  isNumber(row: SheetRow, key: K): boolean {
    const index = this.positions.get(key);
    return index !== undefined && (row.numbers?.includes(index) ?? false);
  }

  /** Where a field's column is, as Excel shows it ("F"), and its header text. */
  locate(key: K | null): { column: string | null; header: string | null } {
    if (key === null) return { column: null, header: null };
    const index = this.positions.get(key);
    const header = this.columns.find((c) => c.key === key)?.header ?? null;
    return { column: index === undefined ? null : columnLetter(index), header };
  }
}

export type { SheetKind } from './ledger-header';

const HEADER_SEARCH_ROWS = 5;
const DISPLAY_NAME: Record<SheetKind, string> = { households: HOUSEHOLD_SHEET, members: MEMBER_SHEET };

interface Header {
  kind: SheetKind;
  match: HeaderMatch;
  row: number;
  values: string[];
}

/**
 * Collects a sheet's rows and recognizes its header (in one of its first rows) as the ledger or member sheet.
 * Merged cells, total lines and unknown columns are dealt with in build(), once the sheet is read.
 */
export class SheetCollector {
  private readonly rows: SheetRow[] = [];
  private header: Header | null = null;
  /** Non-empty rows seen before a header was recognized, for naming missing columns. */
  private readonly candidates: SheetRow[] = [];
  private merges: MergeRange[] = [];

  constructor(readonly name: string) {}

  /** Returns false once it is clear this sheet is not part of the ledger (its rows are not kept). */
  add(row: number, values: string[], numbers?: number[]): boolean {
    if (values.every((v) => v === '')) return true;
    if (this.header) {
      if (this.rows.length === 0) this.checkSecondHeaderRow(row, values);
      this.rows.push(numbers ? { row, values, numbers } : { row, values });
      return true;
    }
    for (const kind of KINDS) {
      const match = matchHeader(kind, values);
      if (isHeader(kind, match)) {
        this.header = { kind, match, row, values };
        return true;
      }
    }
    const above = this.candidates[this.candidates.length - 1];
    if (above) {
      for (const kind of KINDS) {
        if (isHeader(kind, matchHeader(kind, combineHeaderRows(kind, above.values, values))))
          throw LedgerErrors.twoRowHeader(DISPLAY_NAME[kind], above.row, row);
      }
    }
    this.candidates.push({ row, values });
    return this.candidates.length < HEADER_SEARCH_ROWS;
  }

  /** The sheet's merged ranges (read after its rows). */
  setMerges(ranges: MergeRange[]): void {
    this.merges = ranges;
  }

  get kind(): SheetKind | null {
    return this.header?.kind ?? null;
  }

  get dataRows(): number {
    return this.rows.length;
  }

  /** The finished sheet; a header that lacks a required column is refused here, naming the columns. */
  build<K extends string>(kind: SheetKind, notes: Notes): LedgerSheet<K> {
    const displayName = DISPLAY_NAME[kind];
    if (!this.header || this.header.kind !== kind) {
      const guesses = this.candidates.map(({ values }) => matchHeader(kind, values));
      const best = guesses.sort((a, b) => b.positions.size - a.positions.size)[0];
      throw LedgerErrors.missingColumns(
        displayName,
        best?.missing ?? COLUMNS[kind].filter((c) => c.required).map((c) => c.header),
      );
    }
    const { match } = this.header;
    if (match.duplicate) throw LedgerErrors.duplicateColumn(displayName, match.duplicate);
    if (match.missing.length) throw LedgerErrors.missingColumns(displayName, match.missing);
    const positions = match.positions as Map<K, number>;
    const sheet = new LedgerSheet<K>(displayName, COLUMNS[kind] as LedgerColumn<K>[], positions, this.rows);
    const merged = this.fillMerges(displayName);
    this.skipTotals(displayName, match.positions.get('code')!, notes);
    this.noteMerges(displayName, merged, notes);
    this.noteUnknownColumns(kind, displayName, notes);
    return sheet;
  }

  /** A second header row under the first (房屋情况 over 面积 | 结构) is refused, not read as a household. */
  private checkSecondHeaderRow(row: number, values: string[]): void {
    const { kind, match, row: headerRow } = this.header!;
    if (looksLikeSubHeader(kind, values, match.positions.get('code')!))
      throw LedgerErrors.twoRowHeader(DISPLAY_NAME[kind], headerRow, row);
  }

  /** Merged cells below the header read as their top-left value, filled down; returns the ranges used. */
  private fillMerges(sheet: string): MergeRange[] {
    const headerRow = this.header!.row;
    const used: MergeRange[] = [];
    if (this.merges.length === 0) return used;
    const byNumber = new Map(this.rows.map((r) => [r.row, r]));
    for (const range of this.merges) {
      if (range.bottom <= headerRow) continue; // a title above the header
      if (range.top <= headerRow) throw LedgerErrors.twoRowHeader(sheet, headerRow, range.bottom);
      const source = byNumber.get(range.top);
      const value = source?.values[range.left] ?? '';
      if (!value) continue; // nothing to fill down (the top-left cell is empty)
      const numeric = source?.numbers?.includes(range.left) ?? false;
      for (let number = range.top + 1; number <= range.bottom; number++) {
        const target = byNumber.get(number);
        if (!target) continue;
        while (target.values.length <= range.left) target.values.push('');
        target.values[range.left] = value;
        if (numeric) target.numbers = [...(target.numbers ?? []), range.left];
      }
      used.push(range);
    }
    return used;
  }

  /** 合计 / 小计 / 总计 lines and a 栏次 row (1 | 2 | 3 …) are not households: dropped, with a note. */
  private skipTotals(sheet: string, codeIndex: number, notes: Notes): void {
    let kept = 0;
    for (const row of this.rows) {
      const code = row.values[codeIndex] ?? '';
      const skip =
        (!code || isTotalText(code)) && row.values.some(isTotalText)
          ? 'total'
          : kept === 0 && isColumnNumberRow(row.values)
            ? 'columns'
            : null;
      if (skip === 'total')
        notes.row(sheet, undefined, 'total', row.row, (rows) => `第${rows}行是合计行，已跳过（不计入户数）`);
      else if (skip === 'columns')
        notes.add({ sheet, row: row.row, message: `第${row.row}行是栏次（列序号）行，已跳过` });
      else this.rows[kept++] = row;
    }
    this.rows.length = kept;
  }

  /** One note per column: the ranges whose value was filled down (「第3–4、6–8行的户编号取自合并单元格」). */
  private noteMerges(sheet: string, merged: MergeRange[], notes: Notes): void {
    if (merged.length === 0) return;
    const kept = new Set(this.rows.map((r) => r.row));
    const { values: headers } = this.header!;
    const down = new Map<number, { first: number; ranges: string[] }>();
    for (const range of [...merged].sort((a, b) => a.top - b.top)) {
      let first = 0;
      let last = 0;
      for (let number = range.top; number <= range.bottom; number++)
        if (kept.has(number)) [first, last] = [first || number, number];
      if (first === 0) continue; // a total line
      const column = columnLetter(range.left);
      const header = headers[range.left] || column;
      if (last > first) {
        const entry = down.get(range.left) ?? { first, ranges: [] };
        entry.ranges.push(`${first}–${last}`);
        down.set(range.left, entry);
      }
      if (range.right > range.left) {
        const span = `${column}–${columnLetter(range.right)}`;
        const message = `第${first}行 ${span} 列是合并单元格，只读取了 ${column} 列（${header}）`;
        notes.add({ sheet, row: first, column, message });
      }
    }
    for (const [index, { first, ranges }] of down) {
      const header = headers[index] || columnLetter(index);
      const list =
        ranges.length > 30 ? `${ranges.slice(0, 30).join('、')}等共 ${ranges.length} 处` : ranges.join('、');
      notes.add({
        sheet,
        row: first,
        column: columnLetter(index),
        message: `第${list}行的${header}取自合并单元格`,
      });
    }
  }

  /** Every header the importer does not know is named: its column is not imported. */
  private noteUnknownColumns(kind: SheetKind, sheet: string, notes: Notes): void {
    const { values, row } = this.header!;
    values.forEach((text, index) => {
      if (!text || columnOf(kind, text) || isRowNumberHeader(text)) return;
      notes.add({ sheet, row, column: columnLetter(index), message: `未识别的列：${text}（已忽略）` });
    });
  }
}

export type HouseholdSheet = LedgerSheet<HouseholdKey>;
export type MemberSheet = LedgerSheet<MemberKey>;
