import { Module } from '@nestjs/common';
import { HouseholdsModule } from '../households/households.module';
import { OrgModule } from '../org/org.module';
import { ReportsModule } from '../daily-cycle/reports/reports.module';
import { UsersModule } from '../users/users.module';
import { BulletinCellsRepository } from './bulletin-cells.repository';
import { BulletinCellsService } from './bulletin-cells.service';
import { BulletinsRepository } from './bulletins.repository';
import { BulletinsService } from './bulletins.service';
import { BulletinsController } from './bulletins.controller';
import { WeeklyBulletinJob } from './jobs/weekly-bulletin.job';

@Module({
  imports: [OrgModule, UsersModule, ReportsModule, HouseholdsModule],
  controllers: [BulletinsController],
  providers: [
    BulletinsRepository,
    BulletinsService,
    WeeklyBulletinJob,
    BulletinCellsRepository,
    BulletinCellsService,
  ],
  exports: [BulletinsService],
})
export class BulletinsModule {}
