import { Module } from '@nestjs/common';
import { ReportsModule } from '../reports/reports.module';
import { SupervisionModule } from '../supervision/supervision.module';
import { UsersModule } from '../../users/users.module';
import { DispatchService } from './dispatch.service';
import { DailyDispatchJob } from './jobs/daily-dispatch.job';
import { NotificationsModule } from '../../notifications/notifications.module';
import { TasksController } from './tasks.controller';
import { TasksRepository } from './tasks.repository';
import { TasksService } from './tasks.service';
import { EscalationRepository } from './escalation.repository';
import { EscalationService } from './escalation.service';

@Module({
  imports: [ReportsModule, SupervisionModule, UsersModule, NotificationsModule],
  controllers: [TasksController],
  providers: [
    TasksRepository,
    TasksService,
    DispatchService,
    DailyDispatchJob,
    EscalationRepository,
    EscalationService,
  ],
  exports: [TasksService, DispatchService],
})
export class TasksModule {}
