import { Module } from '@nestjs/common';
import { ReportsModule } from '../reports/reports.module';
import { SupervisionModule } from '../supervision/supervision.module';
import { DailyReviewJob } from './jobs/daily-review.job';
import { ReviewRepository } from './review.repository';
import { ReviewService } from './review.service';

@Module({
  imports: [ReportsModule, SupervisionModule],
  providers: [ReviewRepository, ReviewService, DailyReviewJob],
  exports: [ReviewService],
})
export class ReviewModule {}
