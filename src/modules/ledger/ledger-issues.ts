import { ApiProperty } from '@nestjs/swagger';
import { HouseholdKey, MemberKey } from './ledger-format';
import { HouseholdSheet, MemberSheet, SheetRow } from './ledger-sheet';

export class LedgerRowError {
  @ApiProperty({ example: '户籍台账' }) sheet!: string;
  @ApiProperty({ example: 5, description: 'the row number Excel shows' }) row!: number;
  @ApiProperty({ example: 'F', nullable: true, type: String, description: 'the column letter Excel shows' })
  column!: string | null;
  @ApiProperty({ example: '户主身份证号', nullable: true, type: String }) header!: string | null;
  @ApiProperty({ example: 'headIdNumber', description: 'the API field' }) field!: string;
  @ApiProperty({ example: '身份证号校验位不正确' }) message!: string;
  @ApiProperty({
    example: '433101196504123456',
    nullable: true,
    type: String,
    description: 'the cell as read (merged cells filled in), so the clerk can find it; null when blank',
  })
  value!: string | null;
}

/** A whole paragraph in a cell is not needed to find it. */
const clip = (text: string) => (text.length > 100 ? `${text.slice(0, 100)}…` : text);

/** The row errors of one household (its ledger row and its member rows); the first error per cell wins. */
export class Issues {
  private readonly errors = new Map<string, LedgerRowError & { order: number }>();

  constructor(
    private readonly households: HouseholdSheet,
    private readonly members: MemberSheet | null,
  ) {}

  /** `value` for checks made after the row's cell texts were let go (duplicates, the database's IDs). */
  household(row: SheetRow, key: HouseholdKey | null, message: string, field?: string, value?: string): void {
    this.add(this.households, 0, row, key, message, field, value);
  }

  member(row: SheetRow, key: MemberKey | null, message: string, field?: string, value?: string): void {
    if (this.members) this.add(this.members, 1, row, key, message, field, value);
  }

  has(sheet: 'households' | 'members', row: SheetRow, key: string): boolean {
    return this.errors.has(`${sheet === 'households' ? 0 : 1}:${row.row}:${key}`);
  }

  get failed(): boolean {
    return this.errors.size > 0;
  }

  list(): (LedgerRowError & { order: number })[] {
    return [...this.errors.values()];
  }

  private add<K extends string>(
    sheet: HouseholdSheet | MemberSheet,
    index: number,
    row: SheetRow,
    key: K | null,
    message: string,
    field?: string,
    given?: string,
  ) {
    const id = `${index}:${row.row}:${key ?? ''}`;
    if (this.errors.has(id)) return;
    const typed = sheet as unknown as {
      locate(k: K | null): { column: string | null; header: string | null };
      get(r: SheetRow, k: K): string | undefined;
    };
    const { column, header } = typed.locate(key);
    const value = given ?? (key ? typed.get(row, key) : undefined);
    const definition = sheet.columns.find((c) => c.key === key);
    const position = key ? ((sheet.positions as Map<string, number>).get(key) ?? 999) : 999;
    this.errors.set(id, {
      sheet: sheet.name,
      row: row.row,
      column,
      header,
      field: field ?? definition?.field ?? 'members',
      message,
      value: value ? clip(value) : null,
      order: index * 1e12 + row.row * 1000 + position,
    });
  }
}

/** Errors in the order a person reads the file: sheet, row, column. */
export function sortErrors(errors: (LedgerRowError & { order: number })[]): LedgerRowError[] {
  return errors.sort((a, b) => a.order - b.order).map(({ order: _order, ...error }) => error);
}
