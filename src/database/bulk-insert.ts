import { EntityManager } from 'typeorm';

/**
 * Multi-row INSERTs of whole entities, `perStatement` rows at a time (keep rows × columns under SQLite's
 * 32,766 bound values). Written here rather than through the query builder, whose parameter handling grows
 * with the square of a batch (16 s and 640 MB for a 72,000-task dispatch); values still go through the
 * driver's own conversion (dates, booleans, JSON). `ignoreConflicts`: rows that would break a unique
 * constraint are skipped (ON CONFLICT DO NOTHING, on both databases), so a re-run inserts nothing twice.
 * Give every column a value: SQLite has no DEFAULT inside VALUES, so a missing one is stored as NULL (a column
 * declared `insert: false` is left out, and gets its default).
 */
export async function bulkInsert<T extends object>(
  manager: EntityManager,
  target: new () => T,
  rows: Partial<T>[],
  perStatement: number,
  options: { ignoreConflicts?: boolean } = {},
): Promise<void> {
  if (rows.length === 0) return;
  const metadata = manager.connection.getMetadata(target);
  const driver = manager.connection.driver;
  const postgres = driver.options.type === 'postgres';
  // Generated keys (auto-increment ids) are the database's to fill, as are columns declared `insert: false`.
  const columns = metadata.columns.filter(
    (column) => column.generationStrategy !== 'increment' && column.isInsert,
  );
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
    const conflict = options.ignoreConflicts ? ' ON CONFLICT DO NOTHING' : '';
    await manager.query(`INSERT INTO ${table} (${names}) VALUES ${tuples.join(', ')}${conflict}`, params);
  }
}
