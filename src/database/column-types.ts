import { ColumnOptions } from 'typeorm';

/** The driver is fixed per process by DATABASE_URL; instants need a different column type on each. */
export function isPostgres(): boolean {
  return /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? '');
}

/** An instant, stored in UTC: timestamptz on PostgreSQL, datetime (UTC text) on SQLite. */
export function instantColumn(options: Omit<ColumnOptions, 'type'> = {}): ColumnOptions {
  return { ...options, type: isPostgres() ? 'timestamptz' : 'datetime' };
}

export const uuidColumn = (options: Omit<ColumnOptions, 'type'> = {}): ColumnOptions => ({
  ...options,
  type: isPostgres() ? 'uuid' : 'varchar',
  ...(isPostgres() ? {} : { length: 36 }),
});

/** Primary keys are UUIDs made by the application (randomUUID), so no database default is needed. */
export const uuidPrimary = (): { type: 'uuid' | 'varchar'; length?: number } =>
  isPostgres() ? { type: 'uuid' } : { type: 'varchar', length: 36 };
