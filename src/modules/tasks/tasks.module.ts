import { Module } from '@nestjs/common';
import { ReportsModule } from '../reports/reports.module';
import { SupervisionModule } from '../supervision/supervision.module';
import { DispatchService } from './dispatch.service';
import { DailyDispatchJob } from './jobs/daily-dispatch.job';
import { TasksController } from './tasks.controller';
import { TasksRepository } from './tasks.repository';
import { TasksService } from './tasks.service';

@Module({
  imports: [ReportsModule, SupervisionModule],
  controllers: [TasksController],
  providers: [TasksRepository, TasksService, DispatchService, DailyDispatchJob],
  exports: [TasksService, DispatchService],
})
export class TasksModule {}
