import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import { CommonModule } from './common/common.module';
import { HttpExceptionFilter } from './common/errors/http-exception.filter';
import { loggerParams } from './common/logging/logger-params';
import { APP_CONFIG, AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { ClusterModule } from './cluster/cluster.module';
import { JobsModule } from './jobs/jobs.module';
import { AuditModule } from './modules/audit/audit.module';
import { AuthModule } from './modules/auth/auth.module';
import { HealthModule } from './modules/health/health.module';
import { HouseholdsModule } from './modules/households/households.module';
import { LedgerModule } from './modules/ledger/ledger.module';
import { OrgModule } from './modules/org/org.module';
import { UsersModule } from './modules/users/users.module';
import { SeedModule } from './database/seed/seed.module';
import { ApprovalsModule } from './modules/approvals/approvals.module';
import { IntentsModule } from './modules/intents/intents.module';
import { StagesModule } from './modules/stages/stages.module';
import { VisitsModule } from './modules/visits/visits.module';
import { TimelineModule } from './modules/timeline/timeline.module';
import { ProblemsModule } from './modules/problems/problems.module';
import { BulletinsModule } from './modules/bulletins/bulletins.module';
import { DashboardModule } from './modules/dashboard/dashboard.module';
import { HistoryModule } from './modules/history/history.module';
import { DailyCycleModule } from './modules/daily-cycle/daily-cycle.module';
import { ReportsModule } from './modules/daily-cycle/reports/reports.module';
import { ReviewModule } from './modules/daily-cycle/review/review.module';
import { SupervisionModule } from './modules/daily-cycle/supervision/supervision.module';
import { TasksModule } from './modules/daily-cycle/tasks/tasks.module';
import { OptionsModule } from './modules/options/options.module';
import { IdempotencyModule } from './modules/idempotency/idempotency.module';
import { SyncModule } from './modules/sync/sync.module';
import { DuplicatesModule } from './modules/duplicates/duplicates.module';
import { PlanningModule } from './modules/planning/planning.module';
import { ResponsibilityModule } from './modules/responsibility/responsibility.module';

@Module({
  imports: [
    ConfigModule,
    LoggerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => loggerParams(config),
    }),
    CommonModule,
    DatabaseModule,
    ClusterModule,
    JobsModule,
    AuditModule,
    IdempotencyModule,
    OrgModule,
    UsersModule,
    AuthModule,
    // Before HouseholdsModule: /households/export and /households/import/template precede /households/:id.
    LedgerModule,
    HouseholdsModule,
    ApprovalsModule,
    DuplicatesModule,
    PlanningModule,
    ResponsibilityModule,
    StagesModule,
    IntentsModule,
    VisitsModule,
    TimelineModule,
    ProblemsModule,
    BulletinsModule,
    DashboardModule,
    HistoryModule,
    ReportsModule,
    SupervisionModule,
    ReviewModule,
    TasksModule,
    DailyCycleModule,
    OptionsModule,
    SyncModule,
    HealthModule,
    SeedModule,
  ],
  providers: [{ provide: APP_FILTER, useClass: HttpExceptionFilter }],
})
export class AppModule {}
