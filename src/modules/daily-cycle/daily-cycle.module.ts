import { Module } from '@nestjs/common';
import { ReportsModule } from './reports/reports.module';
import { ReviewModule } from './review/review.module';
import { TasksModule } from './tasks/tasks.module';
import { CycleController } from './cycle.controller';
import { CycleService } from './cycle.service';
import { DailyCycleJob } from './jobs/daily-cycle.job';

/**
 * The daily cycle's chain job and its HTTP entry (run a date, read its state); each step is a Nest module of
 * its own in this folder (report, review, dispatch; the overdue lists in supervision), registered by the app in
 * the order their routes appear in the OpenAPI document.
 */
@Module({
  imports: [ReportsModule, ReviewModule, TasksModule],
  controllers: [CycleController],
  providers: [CycleService, DailyCycleJob],
})
export class DailyCycleModule {}
