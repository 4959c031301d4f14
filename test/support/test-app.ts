import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AppModule } from '../../src/app.module';
import { configureApp } from '../../src/bootstrap';
import { Clock } from '../../src/common/time/business-clock';
import { FixedClock } from './fixed-clock';
import { createTestDatabase, TestDatabase } from './test-database';

export interface TestApp {
  app: INestApplication;
  http: ReturnType<typeof request>;
  clock: FixedClock;
  dataSource: DataSource;
  database: TestDatabase;
  /** Logs in and returns the bearer token. */
  login(username: string, password: string): Promise<string>;
  close(): Promise<void>;
}

/** The real application (all modules, migrations, global pipes and filters) on a fresh database. */
export async function createTestApp(
  env: Record<string, string> = {},
  options: { database?: TestDatabase; overrides?: { provide: unknown; useValue: unknown }[] } = {},
): Promise<TestApp> {
  // A database handed in (a second app on the first one's data) is the caller's to drop.
  const database = options.database ?? (await createTestDatabase());
  process.env.DATABASE_URL = database.url.startsWith('sqlite:') ? database.url : database.url;
  Object.assign(process.env, env);
  const clock = new FixedClock();
  const builder = Test.createTestingModule({ imports: [AppModule] })
    .overrideProvider(Clock)
    .useValue(clock);
  // Other providers replaced for this app (a bumped metric table, …).
  for (const { provide, useValue } of options.overrides ?? [])
    builder.overrideProvider(provide).useValue(useValue);
  const moduleRef = await builder.compile();
  const app = configureApp(
    moduleRef.createNestApplication({ logger: process.env.TEST_LOGS ? ['error', 'warn'] : false }),
  );
  await app.init();
  const http = request(app.getHttpServer());
  const login = async (username: string, password: string) => {
    const response = await request(app.getHttpServer())
      .post('/api/v1/auth/login')
      .send({ username, password });
    if (response.status !== 200)
      throw new Error(`login ${username} failed: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body.accessToken as string;
  };
  return {
    app,
    http,
    clock,
    dataSource: app.get(DataSource),
    database,
    login,
    close: async () => {
      await app.close();
      for (const key of Object.keys(env)) delete process.env[key];
      if (!options.database) await database.drop();
    },
  };
}
