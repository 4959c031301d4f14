import { Injectable } from '@nestjs/common';
import { DAILY_CYCLE_STEPS, JobName, JobPayloads } from '../job-catalogue';
import { JobContext, JobHandler, JobResult } from '../job-handler';
import { JobHandlerRegistry } from '../job-handler-registry';

/**
 * The daily chain for one business date: report, review, dispatch, in that order, each recorded as its own run
 * (report:<date>, …). A step that already completed is skipped, so a retry resumes where it failed. A step with
 * no handler yet is listed as missing (REQUIRED_JOB_HANDLERS makes it a boot error once the handlers exist).
 */
@Injectable()
@JobHandler(JobName.DailyCycle)
export class DailyCycleJob implements JobHandler<JobName.DailyCycle> {
  constructor(private readonly registry: JobHandlerRegistry) {}

  async run({ date }: JobPayloads[JobName.DailyCycle], context: JobContext): Promise<JobResult> {
    const steps: Record<string, string> = {};
    for (const step of DAILY_CYCLE_STEPS) {
      if (!this.registry.has(step)) {
        steps[step] = 'missing';
        continue;
      }
      steps[step] = (await context.runStep(step, { date })).status;
    }
    return { status: 'done', detail: { date, steps } };
  }
}
