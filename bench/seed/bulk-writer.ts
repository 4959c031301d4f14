import { Client } from 'pg';
import * as sqlite3 from 'sqlite3';

export type Value = string | number | boolean | Date | null;
export type Row = Value[];

/**
 * Bulk loading for the generator. Secondary indexes are dropped for the load and rebuilt from their own
 * definitions afterwards (so the schema stays exactly what the migrations made); each insert call is one
 * or a few multi-row statements, and the next batch is generated while the database writes this one.
 */
export interface BulkWriter {
  readonly kind: 'sqlite' | 'postgres';
  /** Drops the secondary indexes of these tables and opens the load transaction. */
  begin(tables: string[]): Promise<void>;
  /** Queues rows; resolves once the previous batch is written (so at most one batch waits). */
  insert(table: string, columns: string[], rows: Row[]): Promise<void>;
  /** The column's declared type, lower case ('integer', 'varchar(36)', 'uuid', 'int4', …). */
  columnType(table: string, column: string): Promise<string | undefined>;
  /** Commits what was loaded so far and opens a new transaction. */
  checkpoint(): Promise<void>;
  /** Commits, rebuilds the dropped indexes, gathers statistics if asked; returns per-step timings. */
  finish(options: { analyze: boolean }): Promise<string[]>;
  close(): Promise<void>;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** What TypeORM's SQLite driver stores for a datetime column: UTC, 'YYYY-MM-DD HH:MM:SS.mmm'. */
export function sqliteInstant(date: Date): string {
  return (
    `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ` +
    `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}.${pad(date.getUTCMilliseconds(), 3)}`
  );
}

export class SqliteBulkWriter implements BulkWriter {
  readonly kind = 'sqlite' as const;
  private readonly db: sqlite3.Database;
  private readonly statements = new Map<string, sqlite3.Statement>();
  private readonly dropped: { name: string; sql: string }[] = [];
  private pending: Promise<void> = Promise.resolve();

  constructor(path: string) {
    this.db = new sqlite3.Database(path);
  }

  private exec(sql: string): Promise<void> {
    return new Promise((resolve, reject) =>
      this.db.exec(sql, (error) => (error ? reject(error) : resolve())),
    );
  }

  private all<T>(sql: string, params: Value[] = []): Promise<T[]> {
    return new Promise((resolve, reject) =>
      this.db.all(sql, params, (error, rows) => (error ? reject(error) : resolve(rows as T[]))),
    );
  }

  async begin(tables: string[]): Promise<void> {
    // A generator run that fails is simply run again with --fresh, so the load needs no journal.
    await this.exec('PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -524288;');
    await this.exec('PRAGMA temp_store = MEMORY; PRAGMA foreign_keys = OFF;');
    const list = tables.map((t) => `'${t}'`).join(',');
    const indexes = await this.all<{ name: string; sql: string }>(
      `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (${list})`,
    );
    for (const index of indexes) {
      await this.exec(`DROP INDEX "${index.name}"`);
      this.dropped.push(index);
    }
    await this.exec('BEGIN');
  }

  async columnType(table: string, column: string): Promise<string | undefined> {
    const columns = await this.all<{ name: string; type: string }>(`PRAGMA table_info("${table}")`);
    return columns.find((c) => c.name === column)?.type.toLowerCase();
  }

  private statement(table: string, columns: string[], count: number): sqlite3.Statement {
    const key = `${table}:${count}`;
    let statement = this.statements.get(key);
    if (!statement) {
      const tuple = `(${columns.map(() => '?').join(',')})`;
      const sql = `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(',')}) VALUES ${Array(count)
        .fill(tuple)
        .join(',')}`;
      statement = this.db.prepare(sql);
      this.statements.set(key, statement);
    }
    return statement;
  }

  async insert(table: string, columns: string[], rows: Row[]): Promise<void> {
    // SQLite allows 32,766 bound parameters per statement; a few hundred rows per statement is the sweet spot.
    const perStatement = Math.min(500, Math.floor(30_000 / columns.length));
    const work: Promise<void>[] = [];
    for (let start = 0; start < rows.length; start += perStatement) {
      const chunk = rows.slice(start, start + perStatement);
      const params: (string | number | null)[] = [];
      for (const row of chunk) {
        for (const value of row) {
          if (value instanceof Date) params.push(sqliteInstant(value));
          else if (typeof value === 'boolean') params.push(value ? 1 : 0);
          else params.push(value);
        }
      }
      const statement = this.statement(table, columns, chunk.length);
      work.push(
        new Promise((resolve, reject) =>
          statement.run(params, (error) =>
            error ? reject(new Error(`${table}: ${error.message}`)) : resolve(),
          ),
        ),
      );
    }
    await this.pending;
    this.pending = Promise.all(work).then(() => undefined);
    // Keep one batch in flight, but never let a failure go unobserved.
    this.pending.catch(() => undefined);
  }

  async checkpoint(): Promise<void> {
    await this.pending;
    await this.exec('COMMIT; BEGIN');
  }

  async finish(options: { analyze: boolean }): Promise<string[]> {
    const timings: string[] = [];
    await this.pending;
    await this.exec('COMMIT');
    let started = Date.now();
    for (const index of this.dropped) await this.exec(index.sql);
    timings.push(`rebuilt ${this.dropped.length} indexes in ${Date.now() - started} ms`);
    if (options.analyze) {
      started = Date.now();
      await this.exec('ANALYZE');
      timings.push(`ANALYZE in ${Date.now() - started} ms`);
    }
    // Back to what the application expects of the file: WAL (persistent), normal sync on its own connections.
    await this.all('PRAGMA journal_mode = WAL');
    return timings;
  }

  async close(): Promise<void> {
    for (const statement of this.statements.values()) {
      await new Promise<void>((resolve) => statement.finalize(() => resolve()));
    }
    await new Promise<void>((resolve, reject) =>
      this.db.close((error) => (error ? reject(error) : resolve())),
    );
  }
}

/** PostgreSQL: one array parameter per column (INSERT … SELECT FROM unnest), thousands of rows a statement. */
export class PostgresBulkWriter implements BulkWriter {
  readonly kind = 'postgres' as const;
  private readonly client: Client;
  private readonly types = new Map<string, Map<string, string>>();
  private readonly dropped: { name: string; sql: string }[] = [];
  private pending: Promise<void> = Promise.resolve();

  constructor(url: string) {
    this.client = new Client({ connectionString: url });
  }

  async connect(): Promise<void> {
    await this.client.connect();
  }

  async begin(tables: string[]): Promise<void> {
    await this.client.query(
      "SET synchronous_commit = off; SET maintenance_work_mem = '512MB'; SET work_mem = '64MB'",
    );
    const { rows: columns } = await this.client.query<{
      table_name: string;
      column_name: string;
      udt_name: string;
    }>(
      `SELECT table_name, column_name, udt_name FROM information_schema.columns
       WHERE table_schema = current_schema() AND table_name = ANY($1)`,
      [tables],
    );
    for (const c of columns) {
      if (!this.types.has(c.table_name)) this.types.set(c.table_name, new Map());
      this.types.get(c.table_name)!.set(c.column_name, c.udt_name);
    }
    // Indexes that back a constraint (primary keys) stay; the others are rebuilt after the load.
    const { rows: indexes } = await this.client.query<{ indexname: string; indexdef: string }>(
      `SELECT i.indexname, i.indexdef FROM pg_indexes i
       WHERE i.schemaname = current_schema() AND i.tablename = ANY($1)
         AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`,
      [tables],
    );
    for (const index of indexes) {
      await this.client.query(`DROP INDEX "${index.indexname}"`);
      this.dropped.push({ name: index.indexname, sql: index.indexdef });
    }
    await this.client.query('BEGIN');
  }

  columnType(table: string, column: string): Promise<string | undefined> {
    return Promise.resolve(this.types.get(table)?.get(column));
  }

  async insert(table: string, columns: string[], rows: Row[]): Promise<void> {
    const types = this.types.get(table);
    if (!types) throw new Error(`${table} was not named in begin()`);
    const arrays = columns.map((column, c) =>
      rows.map((row) => {
        const value = row[c];
        return value instanceof Date ? value.toISOString() : value;
      }),
    );
    const casts = columns.map((column, c) => {
      const type = types.get(column);
      if (!type) throw new Error(`${table}.${column} does not exist`);
      return `$${c + 1}::${type}[]`;
    });
    const sql = `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(',')}) SELECT * FROM unnest(${casts.join(',')})`;
    await this.pending;
    this.pending = this.client.query(sql, arrays).then(
      () => undefined,
      (error: Error) => Promise.reject(new Error(`${table}: ${error.message}`)),
    );
    this.pending.catch(() => undefined);
  }

  async checkpoint(): Promise<void> {
    await this.pending;
    await this.client.query('COMMIT; BEGIN');
  }

  async finish(options: { analyze: boolean }): Promise<string[]> {
    const timings: string[] = [];
    await this.pending;
    await this.client.query('COMMIT');
    let started = Date.now();
    for (const index of this.dropped) await this.client.query(index.sql);
    timings.push(`rebuilt ${this.dropped.length} indexes in ${Date.now() - started} ms`);
    if (options.analyze) {
      // What autovacuum would have done by the time a real database had this much data.
      started = Date.now();
      await this.client.query('VACUUM ANALYZE');
      timings.push(`VACUUM ANALYZE in ${Date.now() - started} ms`);
    }
    return timings;
  }

  async close(): Promise<void> {
    await this.client.end();
  }
}
