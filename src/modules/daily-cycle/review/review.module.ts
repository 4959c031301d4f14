import { Module } from '@nestjs/common';
import { HouseholdsModule } from '../../households/households.module';
import { ReportsModule } from '../reports/reports.module';
import { SupervisionModule } from '../supervision/supervision.module';
import { DailyReviewJob } from './jobs/daily-review.job';
import { ReviewService } from './review.service';

@Module({
  imports: [HouseholdsModule, ReportsModule, SupervisionModule],
  providers: [ReviewService, DailyReviewJob],
  exports: [ReviewService],
})
export class ReviewModule {}
