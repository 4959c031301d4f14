import { HOUSEHOLD_COLUMNS, LedgerColumn, MEMBER_COLUMNS, normalizeHeader } from './ledger-format';

/** Which sheet a header row belongs to, and the columns of each. */
export type SheetKind = 'households' | 'members';

export const COLUMNS: Record<SheetKind, LedgerColumn[]> = {
  households: HOUSEHOLD_COLUMNS,
  members: MEMBER_COLUMNS,
};

const lookup = (columns: LedgerColumn[]) => {
  const map = new Map<string, LedgerColumn>();
  for (const column of columns) {
    for (const name of [column.header, column.key, ...(column.aliases ?? [])])
      map.set(normalizeHeader(name), column);
  }
  return map;
};
const LOOKUPS: Record<SheetKind, Map<string, LedgerColumn>> = {
  households: lookup(HOUSEHOLD_COLUMNS),
  members: lookup(MEMBER_COLUMNS),
};

/** Only the member sheet has 与户主关系 (tried first: a member sheet may repeat 户主姓名); only the ledger 户主姓名. */
export const KINDS: SheetKind[] = ['members', 'households'];
const MARKER: Record<SheetKind, string> = { households: 'headName', members: 'relation' };

/** Columns that number the rows for the reader's eye: known, and not imported. */
const ROW_NUMBER_HEADERS = new Set(['序号', 'no', 'no.', '编号序号']);

/** The column a header names (a unit in brackets after it is ignored: 建筑面积(平方米)); undefined if none. */
export function columnOf(kind: SheetKind, text: string): LedgerColumn | undefined {
  const normalized = normalizeHeader(text);
  return LOOKUPS[kind].get(normalized) ?? LOOKUPS[kind].get(normalized.replace(/\([^()]*\)$/, ''));
}

export const isRowNumberHeader = (text: string): boolean => ROW_NUMBER_HEADERS.has(normalizeHeader(text));

export interface HeaderMatch {
  positions: Map<string, number>;
  missing: string[];
  /** Headers of two columns that name the same field. */
  duplicate: string | null;
}

export function matchHeader(kind: SheetKind, values: string[]): HeaderMatch {
  const positions = new Map<string, number>();
  let duplicate: string | null = null;
  values.forEach((text, index) => {
    const column = text ? columnOf(kind, text) : undefined;
    if (!column) return;
    if (positions.has(column.key)) duplicate ??= column.header;
    else positions.set(column.key, index);
  });
  const missing = COLUMNS[kind].filter((c) => c.required && !positions.has(c.key)).map((c) => c.header);
  return { positions, missing, duplicate };
}

export const isHeader = (kind: SheetKind, match: HeaderMatch): boolean =>
  match.positions.has('code') && match.positions.has(MARKER[kind]);

/**
 * Two header rows read as one, as a two-row header means them: a group title over its sub-headers (户主 over
 * 姓名 | 身份证号 reads 户主姓名 | 户主身份证号), a title merged across columns repeated over each of them.
 */
export function combineHeaderRows(kind: SheetKind, upper: string[], lower: string[]): string[] {
  const combined: string[] = [];
  let title = '';
  for (let i = 0; i < Math.max(upper.length, lower.length); i++) {
    if (upper[i]) title = upper[i];
    const top = upper[i] || (lower[i] ? title : '');
    const bottom = lower[i] ?? '';
    const choices = [top + bottom, bottom, top].filter(Boolean);
    combined.push(choices.find((text) => columnOf(kind, text)) ?? bottom ?? top);
  }
  return combined;
}

/** Words of a second header row (房屋情况 → 面积 | 结构): a row of only these, under the header, is not data. */
const SUB_HEADER_WORDS = new Set(
  [
    '面积',
    '结构',
    '姓名',
    '身份证号',
    '身份证号码',
    '号码',
    '电话',
    '地址',
    '人数',
    '性别',
    '年龄',
    '备注',
  ].map(normalizeHeader),
);

/** A row under the header whose code cell is blank and whose every cell reads as a header. */
export function looksLikeSubHeader(kind: SheetKind, values: string[], codeIndex: number): boolean {
  if (values[codeIndex]) return false;
  const filled = values.filter(Boolean);
  return (
    filled.length > 0 &&
    filled.every((text) => columnOf(kind, text) || SUB_HEADER_WORDS.has(normalizeHeader(text)))
  );
}

/** A 栏次 row (1 | 2 | 3 | … under the header, as on government forms): numbers the columns, holds no data. */
export function isColumnNumberRow(values: string[]): boolean {
  const filled = values.filter(Boolean);
  return filled.length >= 3 && filled.every((text, i) => /^\d+$/.test(text) && Number(text) === i + 1);
}

const TOTAL = /^(合计|小计|总计|共计|总合计)[:：]?|(合计|小计|总计)[:：]?$/;

/** 合计 / 小计 / 总计 (a total line, at the bottom or after each village): a short cell that says so. */
export const isTotalText = (text: string): boolean => {
  const compact = normalizeHeader(text);
  return compact.length <= 16 && TOTAL.test(compact);
};
