import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { apiProcesses, ConfigError, loadConfig } from '../app-config';

const SECRET = 'a-jwt-secret-that-is-long-enough-for-hs256';
const PII_HEX = '0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';

describe('loadConfig', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'config-test-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  const load = (env: Record<string, string>) => loadConfig({ DATA_DIR: dataDir, ...env });
  const failure = (env: Record<string, string>): ConfigError => {
    try {
      load(env);
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      return error as ConfigError;
    }
    throw new Error('expected loadConfig to fail');
  };

  it('defaults to a SQLite file in the data folder and the documented limits', () => {
    const config = load({ JWT_SECRET: SECRET, PII_KEY: PII_HEX });
    expect(config.database).toEqual({ kind: 'sqlite', sqlitePath: join(dataDir, 'relocation.sqlite') });
    expect(config.port).toBe(3000);
    expect(config.businessTimeZone).toBe('Asia/Shanghai');
    expect(config.login).toEqual({
      maxFailures: 5,
      maxFailuresPerUser: 50,
      failureWindowSeconds: 900,
      perIpPerMinute: 600,
    });
    expect(config.lights).toEqual({ visitIntervalDays: 7, stallYellowDays: 14, stallRedDays: 30 });
    expect(config.problemDueHours).toEqual({ p1: 24, p2: 72, p3: 168 });
    expect(config.adminUsername).toBe('admin');
  });

  it('reads PostgreSQL and explicit SQLite URLs', () => {
    expect(load({ DATABASE_URL: 'postgres://app@db:5432/relocation' }).database).toEqual({
      kind: 'postgres',
      url: 'postgres://app@db:5432/relocation',
    });
    expect(load({ DATABASE_URL: 'postgresql://app@db/relocation' }).database.kind).toBe('postgres');
    expect(load({ DATABASE_URL: `sqlite:${join(dataDir, 'x.sqlite')}` }).database).toEqual({
      kind: 'sqlite',
      sqlitePath: join(dataDir, 'x.sqlite'),
    });
  });

  it.each(['mysql://app@db/relocation', 'postgres://', 'sqlite:', 'relocation.sqlite'])(
    'refuses DATABASE_URL=%s with a clear message',
    (url) => {
      expect(failure({ DATABASE_URL: url }).message).toBe(
        'Invalid configuration:\n  DATABASE_URL: DATABASE_URL must be sqlite:<path> or postgres://…',
      );
    },
  );

  it('refuses a short JWT_SECRET without printing it', () => {
    const error = failure({ JWT_SECRET: 'short-secret' });
    expect(error.message).toContain('JWT_SECRET: JWT_SECRET must be at least 32 characters');
    expect(error.message).not.toContain('short-secret');
  });

  it('lists every problem at once', () => {
    const message = failure({ JWT_SECRET: 'short', DATABASE_URL: 'mysql://x', PORT: 'eighty' }).message;
    expect(message).toMatch(/JWT_SECRET/);
    expect(message).toMatch(/DATABASE_URL/);
    expect(message).toMatch(/PORT/);
  });

  it('refuses a PII_KEY that is not 32 bytes', () => {
    expect(failure({ PII_KEY: 'abcd' }).message).toContain(
      'PII_KEY must be 32 bytes, as 64 hex digits or base64',
    );
  });

  it('accepts PII_KEY as hex or base64, giving the same 32 bytes', () => {
    const hex = load({ PII_KEY: PII_HEX }).piiKey;
    const base64 = load({ PII_KEY: Buffer.from(PII_HEX, 'hex').toString('base64') }).piiKey;
    expect(hex).toHaveLength(32);
    expect(base64.equals(hex)).toBe(true);
  });

  it('requires JWT_SECRET and PII_KEY in production', () => {
    expect(failure({ NODE_ENV: 'production', PII_KEY: PII_HEX }).message).toContain(
      'JWT_SECRET is required in production',
    );
    expect(failure({ NODE_ENV: 'production', JWT_SECRET: SECRET }).message).toContain(
      'PII_KEY is required in production',
    );
  });

  it('generates development secrets once and keeps them in the data folder', () => {
    const first = load({});
    const second = load({});
    expect(first.jwtSecret).toHaveLength(64);
    expect(first.piiKey).toHaveLength(32);
    expect(second.jwtSecret).toBe(first.jwtSecret);
    expect(second.piiKey.equals(first.piiKey)).toBe(true);
    const stored = JSON.parse(readFileSync(join(dataDir, 'secrets.json'), 'utf8'));
    expect(stored.JWT_SECRET).toBe(first.jwtSecret);
  });

  it('converts numbers and booleans, and refuses values that are not', () => {
    const config = load({ PORT: '8080', LOGIN_MAX_FAILURES: '3', SEED_DEMO: 'false' });
    expect(config.port).toBe(8080);
    expect(config.login.maxFailures).toBe(3);
    expect(config.seedDemo).toBe(false);
    expect(failure({ LOGIN_MAX_FAILURES: '0' }).message).toContain('LOGIN_MAX_FAILURES');
    expect(failure({ PORT: '70000' }).message).toContain('PORT');
    expect(failure({ NODE_ENV: 'staging' }).message).toContain('NODE_ENV');
  });
});

describe('apiProcesses (API_PROCESSES)', () => {
  it('is one process in development and tests, the cores in production', () => {
    expect(apiProcesses(undefined, 'development', 8)).toEqual({ requested: 1, count: 1 });
    expect(apiProcesses(undefined, 'test', 8).count).toBe(1);
    expect(apiProcesses(undefined, 'production', 8)).toEqual({ requested: 'auto', count: 8 });
    expect(apiProcesses('', 'production', 2)).toEqual({ requested: 'auto', count: 2 });
    expect(apiProcesses('3', 'development', 8)).toEqual({ requested: 3, count: 3 });
    expect(apiProcesses('auto', 'development', 4)).toEqual({ requested: 'auto', count: 4 });
  });

  it('refuses anything but auto or 1–64', () => {
    for (const value of ['0', '65', 'two', '-1'])
      expect(() => loadConfig({ API_PROCESSES: value, DATA_DIR: tmpdir() })).toThrow(ConfigError);
  });
});
