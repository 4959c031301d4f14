import { QueryRunner, TableColumnOptions } from 'typeorm';

type Extra = Partial<TableColumnOptions>;

/** Column builders for migrations shared by SQLite and PostgreSQL: one definition, each driver's types. */
export function migrationColumns(queryRunner: QueryRunner) {
  const pg = queryRunner.connection.driver.options.type === 'postgres';
  const uuidType = queryRunner.connection.driver.normalizeType({ type: 'uuid' });
  return {
    pg,
    uuid: (name: string, extra: Extra = {}): TableColumnOptions => ({
      name,
      type: uuidType,
      ...(pg ? {} : { length: '36' }),
      ...extra,
    }),
    id: (): TableColumnOptions => ({
      name: 'id',
      type: uuidType,
      ...(pg ? {} : { length: '36' }),
      isPrimary: true,
    }),
    serial: (name = 'id'): TableColumnOptions => ({
      name,
      type: 'integer',
      isPrimary: true,
      isGenerated: true,
      generationStrategy: 'increment',
    }),
    instant: (name: string, extra: Extra = {}): TableColumnOptions => ({
      name,
      type: pg ? 'timestamptz' : 'datetime',
      ...extra,
    }),
    varchar: (name: string, length: number, extra: Extra = {}): TableColumnOptions => ({
      name,
      type: 'varchar',
      length: String(length),
      ...extra,
    }),
    text: (name: string, extra: Extra = {}): TableColumnOptions => ({ name, type: 'text', ...extra }),
    integer: (name: string, extra: Extra = {}): TableColumnOptions => ({ name, type: 'integer', ...extra }),
    real: (name: string, extra: Extra = {}): TableColumnOptions => ({ name, type: 'real', ...extra }),
    boolean: (name: string, defaultValue: boolean): TableColumnOptions => ({
      name,
      type: 'boolean',
      default: pg ? String(defaultValue) : defaultValue ? '1' : '0',
    }),
  };
}
