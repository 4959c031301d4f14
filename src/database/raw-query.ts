import { EntityManager } from 'typeorm';

/**
 * Runs hand-written SQL with :named parameters on either driver (the driver turns them into ? or $n and
 * Dates into its own format). Reports use it: set-based SQL reads better than a query builder chain.
 */
export async function rawQuery<T = Record<string, unknown>>(
  manager: EntityManager,
  sql: string,
  parameters: Record<string, unknown> = {},
): Promise<T[]> {
  const [query, values] = manager.connection.driver.escapeQueryWithParameters(sql, parameters, {});
  return manager.query(query, values);
}

/** COUNT and SUM come back as strings from PostgreSQL (bigint) and as numbers from SQLite. */
export const num = (value: unknown): number => (value === null || value === undefined ? 0 : Number(value));

/** An instant from raw SQL: PostgreSQL gives a Date, SQLite the UTC text TypeORM wrote ('2026-11-28 10:00:00.000'). */
export function instant(value: unknown): Date {
  if (value instanceof Date) return value;
  const text = String(value);
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text : `${text.replace(' ', 'T')}Z`);
}
