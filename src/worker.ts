import 'reflect-metadata';
import { loadConfigOrExit } from './config/app-config';

/**
 * The job worker: the application context (no HTTP) running BullMQ workers and the outbox relay. Scale it out on
 * its own (`npm run start:worker`); SIGTERM lets running jobs finish (worker.close()) before it exits.
 */
async function main(): Promise<void> {
  process.env.RUN_WORKERS = 'true'; // what makes this process a worker; the API runs workers only if asked
  const config = loadConfigOrExit();
  if (!config.redisUrl) {
    console.error(
      'REDIS_URL is not set. Without Redis the API process runs the jobs itself (inline driver); ' +
        'a separate worker needs REDIS_URL=redis://…',
    );
    process.exit(1);
  }
  const { NestFactory } = await import('@nestjs/core');
  const { Logger } = await import('nestjs-pino');
  const { AppModule } = await import('./app.module');
  const { QuietBootLogger } = await import('./common/logging/quiet-boot-logger');
  const app = await NestFactory.createApplicationContext(AppModule, { bufferLogs: true });
  app.useLogger(new QuietBootLogger(app.get(Logger)));
  app.enableShutdownHooks();
  await app.init();
  app.get(Logger).log(`worker ${process.pid} ready (concurrency ${config.jobs.concurrency})`, 'Worker');
}

void main();
