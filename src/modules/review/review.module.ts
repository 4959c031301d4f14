import { Module } from '@nestjs/common';
import { SupervisionModule } from '../supervision/supervision.module';
import { DailyReviewJob } from './jobs/daily-review.job';
import { ReviewRepository } from './review.repository';
import { ReviewService } from './review.service';

@Module({
  imports: [SupervisionModule],
  providers: [ReviewRepository, ReviewService, DailyReviewJob],
  exports: [ReviewService],
})
export class ReviewModule {}
