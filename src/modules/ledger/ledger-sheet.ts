import { LedgerErrors } from './ledger.errors';
import {
  columnLetter,
  HOUSEHOLD_COLUMNS,
  LedgerColumn,
  MEMBER_COLUMNS,
  normalizeHeader,
  HouseholdKey,
  MemberKey,
} from './ledger-format';

export interface SheetRow {
  /** The row number Excel shows. */
  row: number;
  values: string[];
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

  /** Where a field's column is, as Excel shows it ("F"), and its header text. */
  locate(key: K | null): { column: string | null; header: string | null } {
    if (key === null) return { column: null, header: null };
    const index = this.positions.get(key);
    const header = this.columns.find((c) => c.key === key)?.header ?? null;
    return { column: index === undefined ? null : columnLetter(index), header };
  }
}

export type SheetKind = 'households' | 'members';

const COLUMNS: Record<SheetKind, LedgerColumn[]> = {
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
/** Only the ledger sheet has 户主姓名; only the member sheet has 与户主关系. */
const MARKER: Record<SheetKind, string> = { households: 'headName', members: 'relation' };
const HEADER_SEARCH_ROWS = 5;

interface HeaderMatch {
  positions: Map<string, number>;
  missing: string[];
}

function matchHeader(kind: SheetKind, values: string[], sheet: string): HeaderMatch {
  const positions = new Map<string, number>();
  values.forEach((text, index) => {
    const column = text ? LOOKUPS[kind].get(normalizeHeader(text)) : undefined;
    if (!column) return;
    if (positions.has(column.key)) throw LedgerErrors.duplicateColumn(sheet, column.header);
    positions.set(column.key, index);
  });
  const missing = COLUMNS[kind].filter((c) => c.required && !positions.has(c.key)).map((c) => c.header);
  return { positions, missing };
}

/** Collects a sheet's rows and recognizes its header (in one of its first rows) as the ledger or member sheet. */
export class SheetCollector {
  private readonly rows: SheetRow[] = [];
  private header: { kind: SheetKind; match: HeaderMatch } | null = null;
  /** Non-empty rows seen before a header was recognized, for naming missing columns. */
  private readonly candidates: string[][] = [];

  constructor(readonly name: string) {}

  /** Returns false once it is clear this sheet is not part of the ledger (its rows are not kept). */
  add(row: number, values: string[]): boolean {
    if (values.every((v) => v === '')) return true;
    if (this.header) {
      this.rows.push({ row, values });
      return true;
    }
    for (const kind of ['households', 'members'] as SheetKind[]) {
      const match = matchHeader(kind, values, this.name);
      if (match.positions.has('code') && match.positions.has(MARKER[kind])) {
        this.header = { kind, match };
        return true;
      }
    }
    this.candidates.push(values);
    return this.candidates.length < HEADER_SEARCH_ROWS;
  }

  get kind(): SheetKind | null {
    return this.header?.kind ?? null;
  }

  get dataRows(): number {
    return this.rows.length;
  }

  /** The finished sheet; a header that lacks a required column is refused here, naming the columns. */
  build<K extends string>(kind: SheetKind): LedgerSheet<K> {
    const displayName = kind === 'households' ? '户籍台账' : '家庭成员';
    if (!this.header || this.header.kind !== kind) {
      const guesses = this.candidates.map((values) => matchHeader(kind, values, this.name));
      const best = guesses.sort((a, b) => b.positions.size - a.positions.size)[0];
      throw LedgerErrors.missingColumns(
        displayName,
        best?.missing ?? COLUMNS[kind].filter((c) => c.required).map((c) => c.header),
      );
    }
    if (this.header.match.missing.length)
      throw LedgerErrors.missingColumns(displayName, this.header.match.missing);
    return new LedgerSheet<K>(
      displayName,
      COLUMNS[kind] as LedgerColumn<K>[],
      this.header.match.positions as Map<K, number>,
      this.rows,
    );
  }
}

export type HouseholdSheet = LedgerSheet<HouseholdKey>;
export type MemberSheet = LedgerSheet<MemberKey>;
