import { Injectable } from '@nestjs/common';
import { JobName, JobPayloads } from '../../../../jobs/job-catalogue';
import { JobHandler, JobResult } from '../../../../jobs/job-handler';
import { DailyReportService } from '../daily-report.service';

@Injectable()
@JobHandler(JobName.DailyReport)
export class DailyReportJob implements JobHandler<JobName.DailyReport> {
  constructor(private readonly reports: DailyReportService) {}

  async run({ date }: JobPayloads[JobName.DailyReport]): Promise<JobResult> {
    const { status, report } = await this.reports.generate(date);
    return {
      status,
      detail: { date, generatedAt: report.generatedAt, households: report.totals.households },
    };
  }
}
