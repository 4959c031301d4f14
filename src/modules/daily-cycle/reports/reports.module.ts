import { Module } from '@nestjs/common';
import { OrgModule } from '../../org/org.module';
import { UsersModule } from '../../users/users.module';
import { HouseholdsModule } from '../../households/households.module';
import { ReportCellsService } from './report-cells.service';
import { DailyReportRepository } from './daily-report.repository';
import { DailyReportService } from './daily-report.service';
import { DailyReportJob } from './jobs/daily-report.job';
import { OrgNamesService } from './org-names.service';
import { ReportsController } from './reports.controller';
import { ReportChecksController } from './report-checks.controller';
import { PastFactsRepository } from './past-facts.repository';
import { ReportCheckRepository } from './report-check.repository';
import { ReportRecomputeService } from './report-recompute.service';
import { ReportCheckJob } from './jobs/report-check.job';
import { SnapshotStore } from '../snapshot-store';
import { MetricCatalogue } from '../metrics/metric-catalogue';

@Module({
  imports: [OrgModule, UsersModule, HouseholdsModule],
  controllers: [ReportsController, ReportChecksController],
  providers: [
    DailyReportRepository,
    DailyReportService,
    OrgNamesService,
    SnapshotStore,
    DailyReportJob,
    PastFactsRepository,
    ReportCheckRepository,
    ReportRecomputeService,
    ReportCheckJob,
    ReportCellsService,
    { provide: MetricCatalogue, useFactory: () => new MetricCatalogue() },
  ],
  exports: [DailyReportService, OrgNamesService, SnapshotStore, MetricCatalogue],
})
export class ReportsModule {}
