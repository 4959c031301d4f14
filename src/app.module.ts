import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import { LoggerModule } from 'nestjs-pino';
import { CommonModule } from './common/common.module';
import { HttpExceptionFilter } from './common/errors/http-exception.filter';
import { redactUrl } from './common/http/log-redaction';
import { APP_CONFIG, AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
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
import { LightsModule } from './modules/lights/lights.module';
import { StagesModule } from './modules/stages/stages.module';
import { VisitsModule } from './modules/visits/visits.module';
import { TimelineModule } from './modules/timeline/timeline.module';
import { ProblemsModule } from './modules/problems/problems.module';
import { BulletinsModule } from './modules/bulletins/bulletins.module';
import { DashboardModule } from './modules/dashboard/dashboard.module';
import { CycleModule } from './modules/cycle/cycle.module';
import { ReportsModule } from './modules/reports/reports.module';
import { ReviewModule } from './modules/review/review.module';
import { SupervisionModule } from './modules/supervision/supervision.module';
import { TasksModule } from './modules/tasks/tasks.module';
import { OptionsModule } from './modules/options/options.module';

@Module({
  imports: [
    ConfigModule,
    LoggerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        pinoHttp: {
          level: config.logLevel,
          // assignRequestId (the first middleware) gave the request its id; the fallback covers any other path.
          genReqId: (req) => (req as { id?: string }).id ?? randomUUID(),
          autoLogging: { ignore: (req) => req.url === '/health' },
          // Method, URL, status and time: the full header dump cost ~5 % of the API's CPU under load. The URL
          // without values that could be personal data (?q=<resident ID> would write it in clear).
          serializers: {
            req: (req: { id: unknown; method: string; url: string }) => ({
              id: req.id,
              method: req.method,
              url: redactUrl(req.url),
            }),
            res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
          },
        },
      }),
    }),
    CommonModule,
    DatabaseModule,
    JobsModule,
    AuditModule,
    OrgModule,
    UsersModule,
    AuthModule,
    // Before HouseholdsModule: /households/export and /households/import/template precede /households/:id.
    LedgerModule,
    LightsModule,
    HouseholdsModule,
    ApprovalsModule,
    StagesModule,
    IntentsModule,
    VisitsModule,
    TimelineModule,
    ProblemsModule,
    BulletinsModule,
    DashboardModule,
    ReportsModule,
    SupervisionModule,
    ReviewModule,
    TasksModule,
    CycleModule,
    OptionsModule,
    HealthModule,
    SeedModule,
  ],
  providers: [{ provide: APP_FILTER, useClass: HttpExceptionFilter }],
})
export class AppModule {}
