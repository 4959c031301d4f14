import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import type * as BullmqDriver from './drivers/bullmq-job-queue';
import { InlineJobQueue } from './drivers/inline-job-queue';
import { PingJob } from './handlers/ping.job';
import { JobExecutor } from './job-executor';
import { JobHandlerRegistry } from './job-handler-registry';
import { JobQueue } from './job-queue';
import { JobRunsRepository } from './job-runs.repository';
import { JobRunsService } from './job-runs.service';
import { JobsBootstrap } from './job-schedules';
import { OutboxRelay } from './outbox-relay.service';
import { OutboxRepository } from './outbox.repository';
import { OutboxService } from './outbox.service';

/**
 * The jobs layer (see src/jobs/README.md). Global: any module injects JobQueue, OutboxService or JobRunsService,
 * and any module's provider marked @JobHandler(name) becomes a handler.
 */
@Global()
@Module({
  imports: [DiscoveryModule],
  providers: [
    JobHandlerRegistry,
    JobRunsRepository,
    JobRunsService,
    JobExecutor,
    {
      provide: JobQueue,
      inject: [APP_CONFIG, JobExecutor, JobRunsRepository],
      useFactory: (config: AppConfig, executor: JobExecutor, runs: JobRunsRepository): JobQueue => {
        if (!config.redisUrl) return new InlineJobQueue(config, executor, runs);
        // bullmq and ioredis are loaded in BullMQ mode only: the embedded default never needs their ~8 MB of heap.
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- deliberately lazy
        const { BullmqJobQueue } = require('./drivers/bullmq-job-queue') as typeof BullmqDriver;
        return new BullmqJobQueue(config, executor, runs);
      },
    },
    OutboxRepository,
    OutboxRelay,
    OutboxService,
    JobsBootstrap,
    PingJob,
  ],
  exports: [JobQueue, JobExecutor, OutboxService, JobRunsService],
})
export class JobsModule {}
