import { Module } from '@nestjs/common';
import { OrgModule } from '../org/org.module';
import { ReportsModule } from '../daily-cycle/report/reports.module';
import { UsersModule } from '../users/users.module';
import { BulletinRepository } from './bulletin.repository';
import { BulletinService } from './bulletin.service';
import { BulletinsController } from './bulletins.controller';
import { WeeklyBulletinJob } from './jobs/weekly-bulletin.job';

@Module({
  imports: [OrgModule, UsersModule, ReportsModule],
  controllers: [BulletinsController],
  providers: [BulletinRepository, BulletinService, WeeklyBulletinJob],
  exports: [BulletinService],
})
export class BulletinsModule {}
