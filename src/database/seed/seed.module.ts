import { Module } from '@nestjs/common';
import { ApprovalsModule } from '../../modules/approvals/approvals.module';
import { AuditModule } from '../../modules/audit/audit.module';
import { HouseholdsModule } from '../../modules/households/households.module';
import { IntentsModule } from '../../modules/intents/intents.module';
import { OrgModule } from '../../modules/org/org.module';
import { ProblemsModule } from '../../modules/problems/problems.module';
import { StagesModule } from '../../modules/stages/stages.module';
import { TasksModule } from '../../modules/daily-cycle/tasks/tasks.module';
import { NotificationsModule } from '../../modules/notifications/notifications.module';
import { PlanningModule } from '../../modules/planning/planning.module';
import { ResponsibilityModule } from '../../modules/responsibility/responsibility.module';
import { UsersModule } from '../../modules/users/users.module';
import { VisitsModule } from '../../modules/visits/visits.module';
import { DemoDesk } from './demo-desk';
import { DemoHistory } from './demo-history';
import { DemoRounds } from './demo-rounds';
import { DemoSeeder } from './demo-seeder';
import { DemoSetup } from './demo-setup';

@Module({
  imports: [
    AuditModule,
    OrgModule,
    UsersModule,
    HouseholdsModule,
    VisitsModule,
    IntentsModule,
    StagesModule,
    ApprovalsModule,
    ProblemsModule,
    TasksModule,
    NotificationsModule,
    ResponsibilityModule,
    PlanningModule,
  ],
  providers: [DemoSeeder, DemoSetup, DemoHistory, DemoDesk, DemoRounds],
  exports: [DemoSeeder],
})
export class SeedModule {}
