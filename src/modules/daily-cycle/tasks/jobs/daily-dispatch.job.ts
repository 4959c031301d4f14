import { Injectable } from '@nestjs/common';
import { JobName, JobPayloads } from '../../../../jobs/job-catalogue';
import { JobHandler, JobResult } from '../../../../jobs/job-handler';
import { DispatchService } from '../dispatch.service';

@Injectable()
@JobHandler(JobName.DailyDispatch)
export class DailyDispatchJob implements JobHandler<JobName.DailyDispatch> {
  constructor(private readonly dispatch: DispatchService) {}

  async run({ date }: JobPayloads[JobName.DailyDispatch]): Promise<JobResult> {
    const { status, ...detail } = await this.dispatch.run(date);
    return { status, detail };
  }
}
