import { Module } from '@nestjs/common';
import { ReportsModule } from '../reports/reports.module';
import { ReviewModule } from '../review/review.module';
import { TasksModule } from '../tasks/tasks.module';
import { CycleController } from './cycle.controller';
import { CycleService } from './cycle.service';

/** The daily chain's entry points; its step handlers live in reports, review and tasks. */
@Module({
  imports: [ReportsModule, ReviewModule, TasksModule],
  controllers: [CycleController],
  providers: [CycleService],
})
export class CycleModule {}
