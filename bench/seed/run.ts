import * as argon2 from 'argon2';
import { existsSync, rmSync } from 'node:fs';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../src/config/app-config';
import { PiiCipher } from '../../src/common/pii/pii-cipher';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { elapsed } from '../lib/args';
import {
  PROBLEM_COLUMNS,
  PROBLEM_EVENT_COLUMNS,
  VISIT_COLUMNS,
  writeProblems,
  writeVisits,
} from './activity';
import { BulkWriter, PostgresBulkWriter, SqliteBulkWriter } from './bulk-writer';
import {
  APPROVAL_COLUMNS,
  APPROVAL_STEP_COLUMNS,
  HISTORY_COLUMNS,
  HOUSEHOLD_COLUMNS,
  LIGHT_REASONS_COLUMNS,
  INTENT_COLUMNS,
  MEMBER_COLUMNS,
  planHouseholds,
  STAGE_EVENT_COLUMNS,
  writeHouseholds,
} from './households';
import { DAY_MS, Random } from './random';
import { TableLoader } from './table-loader';
import { buildWorld, ORG_COLUMNS, USER_COLUMNS } from './world';

export interface SeedOptions {
  config: AppConfig;
  households: number;
  visits: number;
  problems: number;
  cadres: number;
  days: number;
  seed: number;
  password: string;
  fresh: boolean;
  analyze: boolean;
  now: number;
}

const LOADED_TABLES = [
  'org_unit',
  'app_user',
  'household',
  'household_member',
  'household_light_reasons',
  'visit',
  'intent_record',
  'stage_event',
  'household_history',
  'approval',
  'approval_step',
  'problem',
  'problem_event',
];

/** Creates the PostgreSQL database if it is missing; with --fresh empties it (schema public). */
async function preparePostgres(url: string, fresh: boolean): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.replace(/^\//, ''));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) {
      await client.query(`CREATE DATABASE "${name.replace(/"/g, '')}"`);
      console.log(`created database ${name}`);
      return;
    }
  } finally {
    await client.end();
  }
  if (fresh) {
    const db = new Client({ connectionString: url });
    await db.connect();
    await db.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public');
    await db.end();
    console.log(`emptied database ${name}`);
  }
}

export async function runSeed(options: SeedOptions): Promise<void> {
  const { config } = options;
  const started = Date.now();
  const database = config.database;
  const target =
    database.kind === 'postgres' ? database.url!.replace(/:[^:@/]*@/, ':***@') : database.sqlitePath!;
  console.log(`target: ${database.kind} ${target}`);
  if (database.kind === 'postgres') {
    await preparePostgres(database.url!, options.fresh);
  } else if (options.fresh) {
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${database.sqlitePath}${suffix}`, { force: true });
  }

  // Schema: exactly the project's migrations.
  let step = Date.now();
  const dataSource = await new DataSource(dataSourceOptions(config)).initialize();
  const applied = await dataSource.runMigrations({ transaction: 'each' });
  const [{ count }] = await dataSource.query('SELECT count(*) AS count FROM household');
  await dataSource.destroy();
  console.log(`migrations: ${applied.length} applied in ${elapsed(step)}`);
  if (Number(count) > 0) {
    throw new Error(`the database already has ${count} households; run again with --fresh to replace them`);
  }

  const random = new Random(options.seed);
  const pii = new PiiCipher(config.piiKey);
  const now = options.now;
  const windowStart = now - options.days * DAY_MS;
  step = Date.now();
  const passwordHash = await argon2.hash(options.password);
  const world = buildWorld({
    random,
    households: options.households,
    cadres: options.cadres,
    passwordHash,
    createdAt: new Date(windowStart - DAY_MS),
  });
  const plans = planHouseholds(world, random, now, windowStart);
  console.log(
    `planned ${world.villages.length} villages, ${world.userRows.length} users, ${plans.length} households in ${elapsed(step)}`,
  );

  let writer: BulkWriter;
  if (database.kind === 'postgres') {
    const pg = new PostgresBulkWriter(database.url!);
    await pg.connect();
    writer = pg;
  } else {
    if (!existsSync(database.sqlitePath!)) throw new Error(`${database.sqlitePath} vanished after migrating`);
    writer = new SqliteBulkWriter(database.sqlitePath!);
  }
  const batch = writer.kind === 'postgres' ? 5000 : 2000;
  const loader = (table: string, columns: string[]) => new TableLoader(writer, table, columns, batch);
  const report = async (label: string, loaders: TableLoader[], since: number) => {
    for (const l of loaders) await l.flush();
    await writer.checkpoint();
    const seconds = (Date.now() - since) / 1000;
    const rows = loaders.reduce((sum, l) => sum + l.count, 0);
    const detail = loaders.map((l) => `${l.count} ${l.table}`).join(', ');
    console.log(`${label}: ${detail} in ${seconds.toFixed(1)} s (${Math.round(rows / seconds)} rows/s)`);
  };

  try {
    await writer.begin(LOADED_TABLES);
    step = Date.now();
    const orgUnits = loader('org_unit', ORG_COLUMNS);
    const users = loader('app_user', USER_COLUMNS);
    for (const row of world.orgRows) await orgUnits.add(row);
    for (const row of world.userRows) await users.add(row);
    await report('org and users', [orgUnits, users], step);

    step = Date.now();
    const visits = loader('visit', VISIT_COLUMNS);
    await writeVisits({
      plans,
      random,
      total: options.visits,
      from: windowStart + 10 * DAY_MS,
      now,
      loader: visits,
    });
    await report('visits', [visits], step);

    step = Date.now();
    const problems = loader('problem', PROBLEM_COLUMNS);
    const eventIds = !/int/.test((await writer.columnType('problem_event', 'id')) ?? 'int');
    const problemEvents = loader(
      'problem_event',
      eventIds ? ['id', ...PROBLEM_EVENT_COLUMNS] : PROBLEM_EVENT_COLUMNS,
    );
    await writeProblems({
      plans,
      world,
      random,
      total: options.problems,
      from: windowStart + 10 * DAY_MS,
      now,
      dueHours: config.problemDueHours,
      problems,
      events: problemEvents,
      eventIds,
    });
    await report('problems', [problems, problemEvents], step);

    step = Date.now();
    const households = loader('household', HOUSEHOLD_COLUMNS);
    const loaders = {
      households,
      members: loader('household_member', MEMBER_COLUMNS).references(households),
      lightReasons: loader('household_light_reasons', LIGHT_REASONS_COLUMNS).references(households),
      intents: loader('intent_record', INTENT_COLUMNS),
      stageEvents: loader('stage_event', STAGE_EVENT_COLUMNS),
      history: loader('household_history', HISTORY_COLUMNS),
      approvals: loader('approval', APPROVAL_COLUMNS),
      approvalSteps: loader('approval_step', APPROVAL_STEP_COLUMNS),
    };
    const lights = await writeHouseholds({ plans, world, random, pii, now, lights: config.lights, loaders });
    await report('households', Object.values(loaders), step);
    console.log(
      `lights now: ${Object.entries(lights)
        .map(([light, n]) => `${light} ${n}`)
        .join(', ')}`,
    );

    step = Date.now();
    const timings = await writer.finish({ analyze: options.analyze });
    console.log(`finish: ${timings.join('; ')} (${elapsed(step)})`);
  } finally {
    await writer.close();
  }
  console.log(`done in ${elapsed(started)}`);
  console.log(
    `logins (password "${options.password}"): admin, commander, commander2, commander3, supervisor, ` +
      `official-az/-hx/-mja/-sl, handler01…handler${String(world.handlers.size).padStart(2, '0')}, ` +
      `cadre001…cadre${String(world.cadreIds.length).padStart(3, '0')}`,
  );
}
