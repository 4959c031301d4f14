import { Module } from '@nestjs/common';
import { OrgModule } from '../org/org.module';
import { UsersModule } from '../users/users.module';
import { HouseholdsController } from './households.controller';
import { HoldService } from './hold.service';
import { HouseholdsService } from './households.service';
import { HouseholdAccess } from './household-access';
import { HouseholdDerivedRepository } from './household-derived.repository';
import { HouseholdDerived } from './household-derived.service';
import { HouseholdRegister } from './household-register';
import { HouseholdsRepository } from './households.repository';
import { HouseholdLinks } from './household-links';
import { HouseholdPastItems } from './household-past-items';

/** The gateway other modules use; the repositories stay inside (docs/architecture.md, "Households"). */
const GATEWAY = [
  HouseholdAccess,
  HouseholdDerived,
  HouseholdLinks,
  HouseholdPastItems,
  HouseholdRegister,
  HouseholdsService,
  HoldService,
];

@Module({
  imports: [OrgModule, UsersModule],
  controllers: [HouseholdsController],
  providers: [HouseholdsRepository, HouseholdDerivedRepository, ...GATEWAY],
  exports: GATEWAY,
})
export class HouseholdsModule {}
