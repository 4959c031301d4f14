import { Module } from '@nestjs/common';
import { ApprovalsModule } from '../approvals/approvals.module';
import { HouseholdsModule } from '../households/households.module';
import { StageEventsRepository } from './stage-events.repository';
import { StageMover } from './stage-mover.service';
import { StagesController } from './stages.controller';
import { TransitionsService } from './transitions.service';

@Module({
  imports: [HouseholdsModule, ApprovalsModule],
  controllers: [StagesController],
  providers: [StageEventsRepository, StageMover, TransitionsService],
  exports: [StageMover, TransitionsService],
})
export class StagesModule {}
