import { Injectable } from '@nestjs/common';
import { JobName, JobPayloads } from '../../../../jobs/job-catalogue';
import { JobHandler, JobResult } from '../../../../jobs/job-handler';
import { ReviewService } from '../review.service';

@Injectable()
@JobHandler(JobName.DailyReview)
export class DailyReviewJob implements JobHandler<JobName.DailyReview> {
  constructor(private readonly review: ReviewService) {}

  async run({ date }: JobPayloads[JobName.DailyReview]): Promise<JobResult> {
    const { status, review } = await this.review.run(date);
    return { status, detail: { lightsChanged: review.lightsChanged, overdue: review.overdue } };
  }
}
