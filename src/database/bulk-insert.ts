import { EntityManager } from 'typeorm';

/**
 * Multi-row INSERTs of whole entities, `perStatement` rows at a time. Written here rather than through the
 * query builder, whose per-parameter bookkeeping costs more than the database does at thousands of rows;
 * values still go through the driver's own conversion (dates, booleans, JSON).
 */
export async function bulkInsert<T extends object>(
  manager: EntityManager,
  target: new () => T,
  rows: T[],
  perStatement: number,
): Promise<void> {
  if (rows.length === 0) return;
  const metadata = manager.connection.getMetadata(target);
  const driver = manager.connection.driver;
  const postgres = driver.options.type === 'postgres';
  const columns = metadata.columns;
  const names = columns.map((c) => driver.escape(c.databaseName)).join(', ');
  const table = driver.escape(metadata.tableName);
  for (let start = 0; start < rows.length; start += perStatement) {
    const params: unknown[] = [];
    const tuples = rows.slice(start, start + perStatement).map((row) => {
      const placeholders = columns.map((column) => {
        params.push(driver.preparePersistentValue(column.getEntityValue(row), column));
        return postgres ? `$${params.length}` : '?';
      });
      return `(${placeholders.join(', ')})`;
    });
    await manager.query(`INSERT INTO ${table} (${names}) VALUES ${tuples.join(', ')}`, params);
  }
}
