import { Injectable } from '@nestjs/common';
import { JobName, JobPayloads } from '../../../../jobs/job-catalogue';
import { JobHandler, JobResult } from '../../../../jobs/job-handler';
import { ReportRecomputeService } from '../report-recompute.service';

/** Nightly: yesterday's stored report against the same day recomputed from the events. */
@Injectable()
@JobHandler(JobName.ReportCheck)
export class ReportCheckJob implements JobHandler<JobName.ReportCheck> {
  constructor(private readonly recompute: ReportRecomputeService) {}

  async run({ date }: JobPayloads[JobName.ReportCheck]): Promise<JobResult> {
    const check = await this.recompute.check(date);
    if (!check) return { status: 'skipped', detail: { date, reason: 'no stored report' } };
    return { status: 'done', detail: { date, differences: check.differences } };
  }
}
