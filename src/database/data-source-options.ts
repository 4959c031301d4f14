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
    driver: withoutLongStackTraces(),
    database: path,
    enableWAL: true,
    busyErrorRetry: 100,
    busyTimeout: 5000,
    // A cluster's reader (src/cluster/) cannot write the file at all: a write it was not meant to make fails
    // loudly instead of competing with the writer for the lock.
    ...(config.role === 'reader' ? { flags: SQLITE_OPEN_READONLY | SQLITE_OPEN_FULLMUTEX } : {}),
  } as DataSourceOptions;
}

/**
 * The sqlite3 module as TypeORM gets it, minus one thing: TypeORM calls `sqlite3.verbose()`, which wraps every
 * database call to build a long stack trace — a new Error and `util.inspect` of every argument, the SQL and each
 * bound parameter — on every query. That was a fifth to a quarter of the API's CPU on SQLite (bench/README §16),
 * and it copied the SQL and its parameters, personal data among them, into the driver's error of any failing query.
 */
function withoutLongStackTraces(): unknown {
  // Loaded here, not at the top: a PostgreSQL deployment never loads the native module.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const sqlite3 = require('sqlite3') as object;
  return Object.assign(Object.create(sqlite3) as object, { verbose: () => sqlite3 });
}

/** Whether a connection is a cluster reader's read-only one (above). */
export function isReadOnly(dataSource: DataSource): boolean {
  return (
    dataSource.options.type === 'sqlite' && ((dataSource.options.flags ?? 0) & SQLITE_OPEN_READONLY) !== 0
  );
}
