import { DataSource, DataSourceOptions } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ENTITIES } from './entities';

/** sqlite3.OPEN_READONLY and OPEN_FULLMUTEX, without loading the native module where PostgreSQL is used. */
export const SQLITE_OPEN_READONLY = 0x1;
const SQLITE_OPEN_FULLMUTEX = 0x10000;

const MIGRATIONS = [join(__dirname, '..', '..', 'migrations', '*.{ts,js}')];

export function dataSourceOptions(config: AppConfig): DataSourceOptions {
  const common = {
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsRun: false,
    synchronize: false,
    logging: false,
  };
  if (config.database.kind === 'postgres') {
    // jit=off: PostgreSQL compiles any plan it costs above jit_above_cost, which a 100,000-household report or
    // recompute always is: about 1 s of compilation per run (bench/README §12) to speed up a few hash joins.
    return {
      ...common,
      type: 'postgres',
      url: config.database.url,
      extra: { max: 20, options: '-c jit=off' },
    };
  }
  const path = config.database.sqlitePath!;
  mkdirSync(dirname(path), { recursive: true });
  // WAL and a busy timeout are set before migrations run; foreign keys are on for every connection.
  return {
    ...common,
    type: 'sqlite',
    database: path,
    enableWAL: true,
    busyErrorRetry: 100,
    busyTimeout: 5000,
    // A cluster's reader (src/cluster/) cannot write the file at all: a write it was not meant to make fails
    // loudly instead of competing with the writer for the lock.
    ...(config.role === 'reader' ? { flags: SQLITE_OPEN_READONLY | SQLITE_OPEN_FULLMUTEX } : {}),
  } as DataSourceOptions;
}

/** Whether a connection is a cluster reader's read-only one (above). */
export function isReadOnly(dataSource: DataSource): boolean {
  return (
    dataSource.options.type === 'sqlite' && ((dataSource.options.flags ?? 0) & SQLITE_OPEN_READONLY) !== 0
  );
}
