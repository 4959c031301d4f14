import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { HOUSEHOLD_SHEET, MEMBER_SHEET } from './ledger-format';

/** Something the file said that was read in a way the clerk should know about (nothing was lost). */
export class LedgerNote {
  @ApiProperty({ example: '家庭成员' }) sheet!: string;
  @ApiPropertyOptional({ example: 3, description: 'the (first) row the note is about, as Excel shows it' })
  row?: number;
  @ApiPropertyOptional({ example: 'A', description: 'the column letter Excel shows' }) column?: string;
  @ApiProperty({ example: '第3–4行的户编号取自合并单元格' }) message!: string;
}

/** How many row numbers a grouped note lists before it says 等. */
const LISTED_RANGES = 30;

/** Row numbers as a person reads them: [3, 4, 5, 9] → "3–5、9"; a long list ends with "等共 N 行". */
export function rowRanges(rows: number[]): string {
  const sorted = [...new Set(rows)].sort((a, b) => a - b);
  const ranges: string[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    ranges.push(i === j ? `${sorted[i]}` : `${sorted[i]}–${sorted[j]}`);
    i = j + 1;
  }
  return ranges.length > LISTED_RANGES
    ? `${ranges.slice(0, LISTED_RANGES).join('、')}等共 ${sorted.length} 行`
    : ranges.join('、');
}

interface Group {
  sheet: string;
  column?: string;
  rows: number[];
  message: (rows: string) => string;
}

/** A before Z before AA; a note without a column first. */
const columnOrder = (column?: string) =>
  column ? [...column].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) : 0;
const sheetOrder = (sheet: string) => (sheet === HOUSEHOLD_SHEET ? 0 : sheet === MEMBER_SHEET ? 1 : 2);

/**
 * The notes of one import. A habit seen on many rows (a relation word, a merged column) is one note that
 * lists its rows, so a 10,000-row ledger does not answer with 10,000 notes.
 */
export class Notes {
  private readonly single: LedgerNote[] = [];
  private readonly groups = new Map<string, Group>();

  add(note: LedgerNote): void {
    this.single.push(note);
  }

  /** Adds `row` to the note of `key` (one per sheet, column and kind of habit); `message` gets the rows. */
  row(
    sheet: string,
    column: string | undefined,
    key: string,
    row: number,
    message: (rows: string) => string,
  ): void {
    const id = `${sheet}\u0000${column ?? ''}\u0000${key}`;
    const group = this.groups.get(id);
    if (group) group.rows.push(row);
    else this.groups.set(id, { sheet, column, rows: [row], message });
  }

  /** Sheet by sheet, row by row. */
  list(): LedgerNote[] {
    const grouped = [...this.groups.values()].map((group) => ({
      sheet: group.sheet,
      row: group.rows.reduce((a, b) => Math.min(a, b)),
      ...(group.column ? { column: group.column } : {}),
      message: group.message(rowRanges(group.rows)),
    }));
    return [...this.single, ...grouped].sort(
      (a, b) =>
        sheetOrder(a.sheet) - sheetOrder(b.sheet) ||
        (a.row ?? 0) - (b.row ?? 0) ||
        columnOrder(a.column) - columnOrder(b.column),
    );
  }
}
