import { Module } from '@nestjs/common';
import { ReportsModule } from '../reports/reports.module';
import { SupervisionModule } from '../supervision/supervision.module';
import { UsersModule } from '../users/users.module';
import { DispatchService } from './dispatch.service';
import { DailyDispatchJob } from './jobs/daily-dispatch.job';
import { NotifyJob } from './jobs/notify.job';
import { NotificationsRepository } from './notifications.repository';
import { NotifyService } from './notify.service';
import { TasksController } from './tasks.controller';
import { TasksRepository } from './tasks.repository';
import { TasksService } from './tasks.service';

@Module({
  imports: [ReportsModule, SupervisionModule, UsersModule],
  controllers: [TasksController],
  providers: [
    TasksRepository,
    TasksService,
    DispatchService,
    DailyDispatchJob,
    NotifyService,
    NotificationsRepository,
    NotifyJob,
  ],
  exports: [TasksService, DispatchService],
})
export class TasksModule {}
