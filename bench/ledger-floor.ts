import { randomBytes, randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { Client } from 'pg';
import * as sqlite3 from 'sqlite3';

const HOUSEHOLD_COLUMNS = 31;
const MEMBER_COLUMNS = 12;

/** Rows shaped like the import's (same column counts, ciphertext-sized strings), built before the clock starts. */
function rows(count: number, columns: number): string[][] {
  const cipher = `v1:${randomBytes(46).toString('base64')}`;
  return Array.from({ length: count }, () =>
    Array.from({ length: columns }, (_, i) =>
      i === 0 || i === 1 || i === 4 ? randomUUID() : i % 3 === 0 ? cipher : `value-${i}`,
    ),
  );
}

const insertSql = (table: string, columns: number, count: number, placeholder: (n: number) => string) => {
  let n = 0;
  const tuples = Array.from(
    { length: count },
    () => `(${Array.from({ length: columns }, () => placeholder(++n)).join(',')})`,
  );
  return `INSERT INTO ${table} VALUES ${tuples.join(',')}`;
};

const ddl = (table: string, columns: number) =>
  `CREATE TABLE ${table} (${Array.from({ length: columns }, (_, i) => `c${i} varchar(255)${i === 0 ? ' PRIMARY KEY' : ''}`).join(', ')})`;

/** As many indexes as household (a unique code and nine more) and household_member (household, unique ID hash). */
const INDEXES = [
  'CREATE UNIQUE INDEX floor_h_code ON floor_household (c1)',
  'CREATE INDEX floor_h_1 ON floor_household (c2, c16)',
  'CREATE INDEX floor_h_2 ON floor_household (c15, c1)',
  'CREATE INDEX floor_h_3 ON floor_household (c3, c1)',
  'CREATE INDEX floor_h_4 ON floor_household (c4)',
  'CREATE INDEX floor_h_5 ON floor_household (c7)',
  'CREATE INDEX floor_h_6 ON floor_household (c8)',
  'CREATE INDEX floor_h_7 ON floor_household (c17)',
  'CREATE INDEX floor_h_8 ON floor_household (c24)',
  'CREATE INDEX floor_h_9 ON floor_household (c30)',
  'CREATE INDEX floor_m_household ON floor_member (c1)',
  'CREATE UNIQUE INDEX floor_m_hash ON floor_member (c4)',
];

/**
 * The floor for an import: the same number of household and member rows, into tables with as many columns and
 * indexes, inserted in one transaction with multi-row INSERTs through the bare driver, on the same database
 * engine and disk. Returns seconds.
 */
export async function rawInsertFloor(url: string, households: number, members: number): Promise<number> {
  const household = rows(households, HOUSEHOLD_COLUMNS);
  const member = rows(members, MEMBER_COLUMNS);
  return url.startsWith('postgres')
    ? postgresFloor(url, household, member)
    : sqliteFloor(url, household, member);
}

async function postgresFloor(url: string, household: string[][], member: string[][]): Promise<number> {
  const client = new Client({ connectionString: url });
  await client.connect();
  await client.query('DROP TABLE IF EXISTS floor_household, floor_member');
  await client.query(ddl('floor_household', HOUSEHOLD_COLUMNS));
  await client.query(ddl('floor_member', MEMBER_COLUMNS));
  for (const index of INDEXES) await client.query(index);
  const started = process.hrtime.bigint();
  await client.query('BEGIN');
  for (const [table, data, columns, per] of [
    ['floor_household', household, HOUSEHOLD_COLUMNS, 400],
    ['floor_member', member, MEMBER_COLUMNS, 1000],
  ] as const) {
    for (let i = 0; i < data.length; i += per) {
      const part = data.slice(i, i + per);
      await client.query(
        insertSql(table, columns, part.length, (n) => `$${n}`),
        part.flat(),
      );
    }
  }
  await client.query('COMMIT');
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await client.query('DROP TABLE floor_household, floor_member');
  await client.end();
  return seconds;
}

async function sqliteFloor(url: string, household: string[][], member: string[][]): Promise<number> {
  const path = `${url.slice('sqlite:'.length)}.floor`;
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
  const db = new sqlite3.Database(path);
  const run = (sql: string, params: unknown[] = []) =>
    new Promise<void>((resolve, reject) =>
      db.run(sql, params, (error) => (error ? reject(error) : resolve())),
    );
  await run('PRAGMA journal_mode = WAL');
  await run('PRAGMA synchronous = NORMAL');
  await run(ddl('floor_household', HOUSEHOLD_COLUMNS));
  await run(ddl('floor_member', MEMBER_COLUMNS));
  for (const index of INDEXES) await run(index);
  const started = process.hrtime.bigint();
  await run('BEGIN');
  for (const [table, data, columns, per] of [
    ['floor_household', household, HOUSEHOLD_COLUMNS, 400],
    ['floor_member', member, MEMBER_COLUMNS, 1000],
  ] as const) {
    for (let i = 0; i < data.length; i += per) {
      const part = data.slice(i, i + per);
      await run(
        insertSql(table, columns, part.length, () => '?'),
        part.flat(),
      );
    }
  }
  await run('COMMIT');
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await new Promise((resolve) => db.close(resolve));
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
  return seconds;
}
