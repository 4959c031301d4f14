import { Injectable } from '@nestjs/common';
import { DAILY_CYCLE_STEPS, JobName, JobPayloads } from '../../../jobs/job-catalogue';
import { JobContext, JobHandler, JobResult } from '../../../jobs/job-handler';

/**
 * The daily chain for one business date: report, review, dispatch, in that order, each recorded as its own run
 * (report:<date>, …). A step that already completed is skipped, so a retry resumes where it failed. Every step
 * has a handler: REQUIRED_JOB_HANDLERS makes a missing one a boot error.
 */
@Injectable()
@JobHandler(JobName.DailyCycle)
export class DailyCycleJob implements JobHandler<JobName.DailyCycle> {
  async run({ date }: JobPayloads[JobName.DailyCycle], context: JobContext): Promise<JobResult> {
    const steps: Record<string, string> = {};
    for (const step of DAILY_CYCLE_STEPS) steps[step] = (await context.runStep(step, { date })).status;
    return { status: 'done', detail: { date, steps } };
  }
}
