import { Injectable } from '@nestjs/common';
import { JobName, JobPayloads } from '../../../jobs/job-catalogue';
import { JobHandler, JobResult } from '../../../jobs/job-handler';
import { NotifyService } from '../notify.service';

@Injectable()
@JobHandler(JobName.Notify)
export class NotifyJob implements JobHandler<JobName.Notify> {
  constructor(private readonly notifications: NotifyService) {}

  async run({ event, id, ref }: JobPayloads[JobName.Notify]): Promise<JobResult> {
    const notified = await this.notifications.notify(event, id, ref);
    return { status: notified ? 'done' : 'skipped', detail: { notified } };
  }
}
