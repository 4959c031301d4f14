import { DataSource } from 'typeorm';

// Any fixed number: whoever holds this advisory lock is the one process migrating.
const MIGRATION_LOCK = 7_310_101;

/**
 * Applies pending migrations. On PostgreSQL the API replicas and workers may start together, so they take
 * turns behind a session advisory lock; the ones that come second find nothing left to do.
 */
export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  if (dataSource.options.type !== 'postgres') {
    return (await dataSource.runMigrations({ transaction: 'each' })).map((m) => m.name);
  }
  const lockHolder = dataSource.createQueryRunner();
  await lockHolder.connect();
  try {
    await lockHolder.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    return (await dataSource.runMigrations({ transaction: 'each' })).map((m) => m.name);
  } finally {
    await lockHolder.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await lockHolder.release();
  }
}
