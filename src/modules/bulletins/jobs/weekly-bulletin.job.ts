import { Injectable } from '@nestjs/common';
import { JobName, JobPayloads } from '../../../jobs/job-catalogue';
import { JobHandler, JobResult } from '../../../jobs/job-handler';
import { BulletinsService } from '../bulletins.service';

/** Monday 09:00: the bulletin of the week that just ended; a stored one is kept (skipped). */
@Injectable()
@JobHandler(JobName.WeeklyBulletin)
export class WeeklyBulletinJob implements JobHandler<JobName.WeeklyBulletin> {
  constructor(private readonly bulletins: BulletinsService) {}

  async run({ weekStart }: JobPayloads[JobName.WeeklyBulletin]): Promise<JobResult> {
    const { status, bulletin } = await this.bulletins.generate(weekStart);
    return { status, detail: { weekStart, generatedAt: bulletin.generatedAt } };
  }
}
