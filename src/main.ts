import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ConfigError, loadConfig } from './config/app-config';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    // Fail fast with a message a person can act on, not a stack trace.
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  }
  const { createApp } = await import('./bootstrap');
  const app = await createApp();
  await app.init(); // migrations and the admin bootstrap run before any demo data
  const seedRequested = process.argv.includes('--seed-demo');
  if (seedRequested && config.seedDemo) {
    const { DemoSeeder } = await import('./database/seed/demo-seeder');
    await app.get(DemoSeeder).seedIfEmpty();
  }
  await app.listen(config.port, process.env.HOST ?? '0.0.0.0');
  const url = `http://localhost:${config.port}`;
  new Logger('Main').log(`API ${url}/api/v1  docs ${url}/docs  health ${url}/health`);
}

void main();
