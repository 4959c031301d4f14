import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { CronExpressionParser } from 'cron-parser';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import type { BullmqJobQueue } from './drivers/bullmq-job-queue';
import { JobName } from './job-catalogue';
import { JobQueue, ScheduleDefinition } from './job-queue';

/** The standing schedules, in the business time zone. Add one here; its job needs a scheduled payload. */
export function standingSchedules(config: AppConfig): ScheduleDefinition[] {
  const tz = config.businessTimeZone;
  return [
    { id: 'daily-cycle', name: JobName.DailyCycle, pattern: config.cycleCron, tz },
    { id: 'weekly-bulletin', name: JobName.WeeklyBulletin, pattern: config.bulletinCron, tz },
    { id: 'report-check', name: JobName.ReportCheck, pattern: config.reportCheckCron, tz },
  ];
}

/**
 * At start-up: registers the standing schedules whose job has a handler (in Redis, once however many replicas
 * do it; or on in-process timers) and, in BullMQ mode, starts this process's worker if it runs workers.
 */
@Injectable()
export class JobsBootstrap implements OnApplicationBootstrap {
  private readonly logger = new Logger(JobsBootstrap.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly queue: JobQueue,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    for (const schedule of standingSchedules(this.config)) {
      try {
        CronExpressionParser.parse(schedule.pattern!, { tz: schedule.tz });
      } catch (error) {
        throw new Error(
          `schedule ${schedule.id}: invalid cron "${schedule.pattern}": ${(error as Error).message}`,
        );
      }
      if (!this.config.jobs.schedules) continue;
      await this.queue.schedule(schedule);
    }
    const bullmq = this.queue.driver === 'bullmq';
    if (bullmq && this.config.jobs.runWorkers) (this.queue as BullmqJobQueue).startWorker();
    this.logger.log(
      `jobs: ${this.queue.driver} driver` +
        (bullmq ? `, workers ${this.config.jobs.runWorkers ? 'on' : 'off'}` : ''),
    );
  }
}
