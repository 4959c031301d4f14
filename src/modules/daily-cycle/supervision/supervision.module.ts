import { Module } from '@nestjs/common';
import { ReportsModule } from '../reports/reports.module';
import { SupervisionController } from './supervision.controller';
import { SupervisionRepository } from './supervision.repository';
import { SupervisionService } from './supervision.service';

@Module({
  imports: [ReportsModule],
  controllers: [SupervisionController],
  providers: [SupervisionRepository, SupervisionService],
  exports: [SupervisionService, SupervisionRepository],
})
export class SupervisionModule {}
