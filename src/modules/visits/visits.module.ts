import { Module } from '@nestjs/common';
import { HouseholdsModule } from '../households/households.module';
import { VisitWriter } from './visit-writer';
import { VisitsController } from './visits.controller';
import { VisitsRepository } from './visits.repository';
import { VisitsService } from './visits.service';

@Module({
  imports: [HouseholdsModule],
  controllers: [VisitsController],
  providers: [VisitsRepository, VisitsService, VisitWriter],
  exports: [VisitsService],
})
export class VisitsModule {}
