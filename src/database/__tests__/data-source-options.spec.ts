import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { loadConfig } from '../../config/app-config';
import { dataSourceOptions, isReadOnly } from '../data-source-options';

describe('dataSourceOptions (SQLite)', () => {
  let dir: string;
  const open: DataSource[] = [];

  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'dso-'))));
  afterEach(async () => {
    for (const source of open.splice(0)) await source.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  async function connect(env: Record<string, string> = {}): Promise<DataSource> {
    const config = loadConfig({ DATA_DIR: dir, DATABASE_URL: `sqlite:${join(dir, 'db.sqlite')}`, ...env });
    const source = await new DataSource(dataSourceOptions(config)).initialize();
    open.push(source);
    return source;
  }

  it("keeps the bound parameters of a failing query out of the driver's error (sqlite3's long stack traces are off)", async () => {
    const source = await connect();
    const error = (await source
      .query('SELECT * FROM no_such_table WHERE head_name = ?', ['龙秀英 433124199003077777'])
      .catch((e: unknown) => e)) as Error & { driverError: Error };
    expect(error.message).toContain('no such table');
    for (const stack of [error.stack, error.driverError.stack]) {
      expect(String(stack)).not.toContain('433124199003077777');
      expect(String(stack)).not.toContain('no_such_table WHERE'); // nor the SQL, inspected into it with them
    }
  });

  it("opens a cluster reader's connection read-only: it reads what was written, and cannot write", async () => {
    const writer = await connect();
    await writer.query('CREATE TABLE t (v TEXT)');
    await writer.query("INSERT INTO t (v) VALUES ('written')");
    expect(isReadOnly(writer)).toBe(false);

    const reader = await connect({ API_ROLE: 'reader' });
    expect(isReadOnly(reader)).toBe(true);
    expect(await reader.query('SELECT v FROM t')).toEqual([{ v: 'written' }]);
    await expect(reader.query("INSERT INTO t (v) VALUES ('not allowed')")).rejects.toThrow(/readonly/i);
    await writer.query("INSERT INTO t (v) VALUES ('later')");
    expect(await reader.query('SELECT v FROM t ORDER BY rowid')).toEqual([{ v: 'written' }, { v: 'later' }]);
  });
});
