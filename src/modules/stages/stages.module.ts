import { Module, OnModuleInit } from '@nestjs/common';
import { ApprovalsModule } from '../approvals/approvals.module';
import { HouseholdsModule } from '../households/households.module';
import { StageEventsRepository } from './stage-events.repository';
import { StageMover } from './stage-mover.service';
import { StagesController } from './stages.controller';
import { TransitionsService } from './transitions.service';
import { validateStageTable } from './stage-machine';

@Module({
  imports: [HouseholdsModule, ApprovalsModule],
  controllers: [StagesController],
  providers: [StageEventsRepository, StageMover, TransitionsService],
  exports: [StageMover, TransitionsService],
})
export class StagesModule implements OnModuleInit {
  onModuleInit(): void {
    const problems = validateStageTable();
    if (problems.length) throw new Error(`Stage table is invalid:\n  ${problems.join('\n  ')}`);
  }
}
