import { Module } from '@nestjs/common';
import { OrgModule } from '../org/org.module';
import { ReportsModule } from '../daily-cycle/reports/reports.module';
import { UsersModule } from '../users/users.module';
import { BulletinsRepository } from './bulletins.repository';
import { BulletinsService } from './bulletins.service';
import { BulletinsController } from './bulletins.controller';
import { WeeklyBulletinJob } from './jobs/weekly-bulletin.job';

@Module({
  imports: [OrgModule, UsersModule, ReportsModule],
  controllers: [BulletinsController],
  providers: [BulletinsRepository, BulletinsService, WeeklyBulletinJob],
  exports: [BulletinsService],
})
export class BulletinsModule {}
