import { Module } from '@nestjs/common';
import { HouseholdsModule } from '../households/households.module';
import { OrgModule } from '../org/org.module';
import { UsersModule } from '../users/users.module';
import { ResponsibilityController } from './responsibility.controller';
import { ResponsibilityRepository } from './responsibility.repository';
import { ResponsibilityChanges } from './responsibility-changes.service';
import { ResponsibilityService } from './responsibility.service';

/**
 * The 包保 responsibility matrix (issue #16 part 1): 包村领导, 工作队长 and 后盾单位 per village, task force or
 * household, and their handovers. Owns `responsibility` and `responsibility_handover`; the chain's SQL for the
 * overdue lists and the dispatch is `responsibility-sql.ts`.
 */
@Module({
  imports: [HouseholdsModule, OrgModule, UsersModule],
  controllers: [ResponsibilityController],
  providers: [ResponsibilityRepository, ResponsibilityService, ResponsibilityChanges],
  exports: [ResponsibilityService, ResponsibilityChanges],
})
export class ResponsibilityModule {}
