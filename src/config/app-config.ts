import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { plainToInstance, Transform } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';

export type DatabaseKind = 'sqlite' | 'postgres';

const toInt = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : Number(value);
const toBool = ({ value }: { value: unknown }) =>
  value === undefined || value === ''
    ? undefined
    : ['1', 'true', 'yes'].includes(String(value).toLowerCase());

/** Every environment variable the system reads, validated once at boot. */
export class EnvironmentSchema {
  @IsOptional() @IsIn(['development', 'production', 'test']) NODE_ENV?: string;
  @IsOptional() @Transform(toInt) @IsInt() @Min(0) @Max(65535) PORT?: number;
  @IsOptional()
  @Matches(/^(sqlite:.+|postgres(ql)?:\/\/.+)$/, {
    message: 'DATABASE_URL must be sqlite:<path> or postgres://…',
  })
  DATABASE_URL?: string;
  @IsOptional() @Matches(/^rediss?:\/\/.+/, { message: 'REDIS_URL must be redis://…' }) REDIS_URL?: string;
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET?: string;
  @IsOptional()
  @Matches(/^([0-9a-fA-F]{64}|[A-Za-z0-9+/]{43}=)$/, {
    message: 'PII_KEY must be 32 bytes, as 64 hex digits or base64',
  })
  PII_KEY?: string;
  @IsOptional()
  @Matches(/^([0-9a-fA-F]{64}|[A-Za-z0-9+/]{43}=)$/, {
    message: 'AUDIT_KEY must be 32 bytes, as 64 hex digits or base64',
  })
  AUDIT_KEY?: string;
  @IsOptional() @IsString() ADMIN_USERNAME?: string;
  @IsOptional()
  @IsString()
  @MinLength(8, { message: 'ADMIN_PASSWORD must be at least 8 characters' })
  ADMIN_PASSWORD?: string;
  @IsOptional() @IsString() TZ_BUSINESS?: string;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1024) PASSWORD_HASH_MEMORY_KIB?: number;
  @IsOptional() @Transform(toBool) SEED_DEMO?: boolean;
  @IsOptional() @IsString() DATA_DIR?: string;
  @IsOptional() @IsString() JWT_EXPIRES_IN?: string;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) LOGIN_MAX_FAILURES?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) LOGIN_MAX_FAILURES_PER_USER?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) LOGIN_FAILURE_WINDOW_SECONDS?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) LOGIN_PER_IP_PER_MINUTE?: number;
  @IsOptional() @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']) LOG_LEVEL?: string;
  @IsOptional() @IsIn(['pretty', 'json']) LOG_FORMAT?: 'pretty' | 'json';
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) VISIT_INTERVAL_DAYS?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) STALL_YELLOW_DAYS?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) STALL_RED_DAYS?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) PROBLEM_DUE_HOURS_P1?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) PROBLEM_DUE_HOURS_P2?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) PROBLEM_DUE_HOURS_P3?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) ESCALATION_DAYS?: number;
  @IsOptional() @IsString() CYCLE_CRON?: string;
  @IsOptional() @IsString() BULLETIN_CRON?: string;
  @IsOptional() @IsString() REPORT_CHECK_CRON?: string;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) STALL_WEEKS?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) IMPORT_MAX_BYTES?: number;
  @IsOptional() @Transform(toBool) RUN_WORKERS?: boolean;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(100) JOB_CONCURRENCY?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(50) JOB_ATTEMPTS?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(10) JOB_BACKOFF_MS?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(500) JOB_LOCK_MS?: number;
  @IsOptional()
  @Matches(/^[\w-]{1,64}$/, { message: 'JOB_QUEUE_PREFIX must be letters, digits, - or _' })
  JOB_QUEUE_PREFIX?: string;
  @IsOptional() @Transform(toInt) @IsInt() @Min(50) OUTBOX_POLL_MS?: number;
  @IsOptional() @Transform(toBool) JOB_SCHEDULES?: boolean;
  @IsOptional() @Transform(toBool) API_DOCS?: boolean;
  @IsOptional() @IsString() WEB_DIST?: string;
  @IsOptional()
  @Matches(/^(auto|[1-9]|[1-5]\d|6[0-4])$/, {
    message: 'API_PROCESSES must be auto or a number from 1 to 64',
  })
  API_PROCESSES?: string;
  /** Set by the cluster's primary on each HTTP process it starts (1…N): which one is logging. */
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) API_WORKER?: number;
  /** Set by the primary of a cluster on SQLite on each process it starts (src/cluster/): see AppConfig.role. */
  @IsOptional() @IsIn(['reader', 'writer']) API_ROLE?: 'reader' | 'writer';
  /** A reader's way to the writer (set by the primary; a new writer's socket follows over the cluster's IPC). */
  @IsOptional() @IsString() API_WRITER_SOCKET?: string;
}

export interface AppConfig {
  env: string;
  port: number;
  database: { kind: DatabaseKind; url?: string; sqlitePath?: string };
  redisUrl?: string;
  jwtSecret: string;
  jwtExpiresIn: string;
  piiKey: Buffer;
  /** Keys the audit checkpoints' MACs (AUDIT_KEY, else derived from PII_KEY): kept outside the database. */
  auditKey: Buffer;
  adminUsername: string;
  adminPassword?: string;
  passwordHashMemoryKib?: number;
  businessTimeZone: string;
  seedDemo: boolean;
  dataDir: string;
  logLevel: string;
  /** pretty: one readable line per entry (development, a person at a terminal); json: one object a line. */
  logFormat: 'pretty' | 'json';
  /** Whether /docs and /docs-json are served (they list every route and field to anyone who asks). */
  apiDocs: boolean;
  /** The built console (web/dist); served at / when it exists. */
  webDist: string;
  /**
   * HTTP processes behind the one port (Node cluster, src/cluster/): API_PROCESSES, `auto` = the cores, the
   * default in production; 1 in development and tests. On SQLite a writer process comes in addition.
   */
  apiProcesses: { requested: 'auto' | number; count: number };
  /** This HTTP process's number in the cluster (1…N), null when it runs alone. */
  worker: number | null;
  /**
   * A cluster on SQLite (src/cluster/): `writer` is the one process that writes the file — every write request,
   * the jobs, the audit sealer, the outbox relay — and listens only on a local socket; a `reader` is an HTTP process
   * that reads the file on a read-only connection and hands every write to the writer. `solo` everywhere else.
   */
  role: 'solo' | 'reader' | 'writer';
  writerSocket: string | null;
  login: {
    /** Failed logins per username from one client address before that address must wait. */
    maxFailures: number;
    /** Failed logins per username from all addresses together before everyone must wait. */
    maxFailuresPerUser: number;
    failureWindowSeconds: number;
    perIpPerMinute: number;
  };
  lights: { visitIntervalDays: number; stallYellowDays: number; stallRedDays: number };
  problemDueHours: { p1: number; p2: number; p3: number };
  /** A task open this many days past its due date is raised to the next person of the household's chain. */
  escalationDays: number;
  cycleCron: string;
  bulletinCron: string;
  /** The nightly report check (recompute yesterday's report from the events and compare), business zone. */
  reportCheckCron: string;
  stallWeeks: number;
  importMaxBytes: number;
  jobs: {
    /** BullMQ mode: whether this process runs workers (the worker entry always does; the API only if set). */
    runWorkers: boolean;
    concurrency: number;
    attempts: number;
    backoffMs: number;
    /** BullMQ lock duration, also the lease on a job_runs row: a dead worker's job is taken over after it. */
    lockMs: number;
    queuePrefix: string;
    outboxPollMs: number;
    /** Whether this process registers the standing schedules (daily cycle, weekly bulletin). */
    schedules: boolean;
  };
}

export class ConfigError extends Error {}

/** Development secrets are generated once and kept in the data folder so a newcomer sets nothing. */
function developmentSecret(dataDir: string, name: 'JWT_SECRET' | 'PII_KEY'): string {
  const file = resolve(dataDir, 'secrets.json');
  const secrets: Record<string, string> = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  if (!secrets[name]) {
    secrets[name] = randomBytes(32).toString('hex');
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  }
  return secrets[name];
}

function parsePiiKey(value: string): Buffer {
  return /^[0-9a-fA-F]{64}$/.test(value) ? Buffer.from(value, 'hex') : Buffer.from(value, 'base64');
}

/** A 32-byte key given as 64 hex digits or base64 (PII_KEY, AUDIT_KEY, PII_KEY_OLD for a rotation). */
export function parseKey(value: string, name: string): Buffer {
  if (!/^([0-9a-fA-F]{64}|[A-Za-z0-9+/]{43}=)$/.test(value))
    throw new ConfigError(`Invalid configuration:\n  ${name} must be 32 bytes, as 64 hex digits or base64`);
  return parsePiiKey(value);
}

export function databaseFromUrl(url: string | undefined, dataDir: string): AppConfig['database'] {
  if (!url) return { kind: 'sqlite', sqlitePath: resolve(dataDir, 'relocation.sqlite') };
  if (url.startsWith('sqlite:')) return { kind: 'sqlite', sqlitePath: resolve(url.slice('sqlite:'.length)) };
  return { kind: 'postgres', url };
}

/** The configuration, or its faults on stderr and exit 1: a message a person can act on, not a stack trace. */
export function loadConfigOrExit(): AppConfig {
  try {
    return loadConfig();
  } catch (error) {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  }
}

export function loadConfig(source: NodeJS.ProcessEnv = process.env): AppConfig {
  const env = plainToInstance(EnvironmentSchema, { ...source }, { enableImplicitConversion: false });
  const errors = validateSync(env, { whitelist: false, forbidUnknownValues: false });
  if (errors.length) {
    const lines = errors.flatMap((e) =>
      Object.values(e.constraints ?? {}).map((m) => `  ${e.property}: ${m}`),
    );
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const nodeEnv = env.NODE_ENV ?? 'development';
  const dataDir = resolve(env.DATA_DIR ?? 'data');
  const secret = (name: 'JWT_SECRET' | 'PII_KEY'): string => {
    const value = env[name];
    if (value) return value;
    if (nodeEnv === 'production')
      throw new ConfigError(`Invalid configuration:\n  ${name} is required in production`);
    return developmentSecret(dataDir, name);
  };
  return {
    env: nodeEnv,
    port: env.PORT ?? 3000,
    database: databaseFromUrl(env.DATABASE_URL, dataDir),
    redisUrl: env.REDIS_URL,
    jwtSecret: secret('JWT_SECRET'),
    jwtExpiresIn: env.JWT_EXPIRES_IN ?? '12h',
    piiKey: parsePiiKey(secret('PII_KEY')),
    auditKey: parsePiiKey(env.AUDIT_KEY ?? secret('PII_KEY')),
    adminUsername: env.ADMIN_USERNAME ?? 'admin',
    adminPassword: env.ADMIN_PASSWORD,
    passwordHashMemoryKib: env.PASSWORD_HASH_MEMORY_KIB,
    businessTimeZone: env.TZ_BUSINESS ?? 'Asia/Shanghai',
    seedDemo: env.SEED_DEMO ?? true,
    dataDir,
    logLevel: env.LOG_LEVEL ?? (nodeEnv === 'test' ? 'silent' : 'info'),
    logFormat: env.LOG_FORMAT ?? (nodeEnv === 'development' ? 'pretty' : 'json'),
    apiDocs: env.API_DOCS ?? nodeEnv !== 'production',
    webDist: resolve(env.WEB_DIST ?? join('web', 'dist')),
    apiProcesses: apiProcesses(env.API_PROCESSES, nodeEnv),
    worker: env.API_WORKER ?? null,
    role: env.API_ROLE ?? 'solo',
    writerSocket: env.API_WRITER_SOCKET ?? null,
    login: {
      maxFailures: env.LOGIN_MAX_FAILURES ?? 5,
      maxFailuresPerUser: env.LOGIN_MAX_FAILURES_PER_USER ?? 50,
      failureWindowSeconds: env.LOGIN_FAILURE_WINDOW_SECONDS ?? 15 * 60,
      perIpPerMinute: env.LOGIN_PER_IP_PER_MINUTE ?? 600,
    },
    lights: {
      visitIntervalDays: env.VISIT_INTERVAL_DAYS ?? 7,
      stallYellowDays: env.STALL_YELLOW_DAYS ?? 14,
      stallRedDays: env.STALL_RED_DAYS ?? 30,
    },
    problemDueHours: {
      p1: env.PROBLEM_DUE_HOURS_P1 ?? 24,
      p2: env.PROBLEM_DUE_HOURS_P2 ?? 72,
      p3: env.PROBLEM_DUE_HOURS_P3 ?? 168,
    },
    escalationDays: env.ESCALATION_DAYS ?? 3,
    cycleCron: env.CYCLE_CRON ?? '0 18 * * *',
    bulletinCron: env.BULLETIN_CRON ?? '0 9 * * 1',
    reportCheckCron: env.REPORT_CHECK_CRON ?? '30 2 * * *',
    stallWeeks: env.STALL_WEEKS ?? 2,
    importMaxBytes: env.IMPORT_MAX_BYTES ?? 20 * 1024 * 1024,
    jobs: {
      runWorkers: env.RUN_WORKERS ?? false,
      concurrency: env.JOB_CONCURRENCY ?? 2,
      attempts: env.JOB_ATTEMPTS ?? 5,
      backoffMs: env.JOB_BACKOFF_MS ?? 5000,
      lockMs: env.JOB_LOCK_MS ?? 30_000,
      queuePrefix: env.JOB_QUEUE_PREFIX ?? 'bull',
      outboxPollMs: env.OUTBOX_POLL_MS ?? 2000,
      schedules: env.JOB_SCHEDULES ?? true,
    },
  };
}

/**
 * How many HTTP processes to run: `auto` = the cores. On SQLite the cluster has one process more, the writer
 * (src/cluster/), which is not counted here: it serves no connection of its own.
 */
export function apiProcesses(
  value: string | undefined,
  nodeEnv: string,
  cores = availableParallelism(),
): AppConfig['apiProcesses'] {
  const requested = value === undefined || value === '' ? (nodeEnv === 'production' ? 'auto' : 1) : value;
  if (requested !== 'auto') return { requested: Number(requested), count: Number(requested) };
  return { requested, count: cores };
}

export const APP_CONFIG = Symbol('APP_CONFIG');
