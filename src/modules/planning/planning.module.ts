import { Module } from '@nestjs/common';
import { HouseholdsModule } from '../households/households.module';
import { OrgModule } from '../org/org.module';
import { HouseholdPlanProvider } from './household-plan.provider';
import { PlanBatchesService } from './plan-batches.service';
import { PlanningController } from './planning.controller';
import { PlanningRepository } from './planning.repository';
import { PlanningService } from './planning.service';
import { VillagePaces } from './village-paces';

/**
 * Deadlines planned back from the move date (issue #16 part 2): each village's move date and the stage lead
 * table give every household its planned dates; its light hears of them through the households' HouseholdLinks
 * port. Owns `village_plan`.
 */
@Module({
  imports: [HouseholdsModule, OrgModule],
  controllers: [PlanningController],
  providers: [PlanningRepository, VillagePaces, HouseholdPlanProvider, PlanningService, PlanBatchesService],
  exports: [PlanningService],
})
export class PlanningModule {}
