import type { ImportResult, LedgerError, LedgerNote } from './api';

/** One line of the import report: where in the file (sheet, row, column as Excel shows them) and what. */
export interface IssueRow {
  key: string;
  sheet: string;
  row: number | null;
  column: string | null;
  /** The cell as Excel names it (F4), or the row alone (第 4 行) when the issue is the whole row. */
  cell: string;
  header: string | null;
  value: string | null;
  message: string;
}

export function cellRef(column: string | null | undefined, row: number | null | undefined): string {
  if (row === null || row === undefined) return column ? `${column} 列` : '—';
  return column ? `${column}${row}` : `第 ${row} 行`;
}

/** The server lists errors sheet by sheet, row by row, column by column: kept in that order. */
export function errorRows(errors: LedgerError[]): IssueRow[] {
  return errors.map((e, index) => ({
    key: `e${index}`,
    sheet: e.sheet,
    row: e.row,
    column: e.column,
    cell: cellRef(e.column, e.row),
    header: e.header,
    value: e.value,
    message: e.message,
  }));
}

export function noteRows(notes: LedgerNote[]): IssueRow[] {
  return notes.map((n, index) => ({
    key: `n${index}`,
    sheet: n.sheet,
    row: n.row ?? null,
    column: n.column ?? null,
    cell: cellRef(n.column, n.row),
    header: null,
    value: null,
    message: n.message,
  }));
}

/** "户籍台账 3 处、家庭成员 1 处": where the errors are, for the line above the table. */
export function errorsBySheet(errors: LedgerError[]): string {
  const counts = new Map<string, number>();
  for (const e of errors) counts.set(e.sheet, (counts.get(e.sheet) ?? 0) + 1);
  return [...counts].map(([sheet, n]) => `${sheet} ${n} 处`).join('、');
}

export interface SummaryItem {
  key: 'households' | 'created' | 'updated' | 'unchanged' | 'failed';
  label: string;
  value: number;
}

/** The counts as the clerk reads them: a dry run says what would happen, an import what did. */
export function summaryItems(result: ImportResult): SummaryItem[] {
  const will = result.dryRun ? '将' : '已';
  return [
    { key: 'households', label: '台账户数', value: result.households },
    { key: 'created', label: `${will}新增`, value: result.created },
    { key: 'updated', label: `${will}更新`, value: result.updated },
    { key: 'unchanged', label: '无变化', value: result.unchanged },
    { key: 'failed', label: result.dryRun ? '有错误（不导入）' : '未导入', value: result.failed },
  ];
}

/** Households a real import of this file would write. */
export const writable = (result: ImportResult): number => result.created + result.updated;

/** The files the import reads (the server decides by content; this only stops an obvious mistake early). */
export function acceptedFile(name: string): boolean {
  return /\.(xlsx|csv)$/i.test(name);
}
