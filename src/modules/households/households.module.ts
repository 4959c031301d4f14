import { Module } from '@nestjs/common';
import { OrgModule } from '../org/org.module';
import { UsersModule } from '../users/users.module';
import { HouseholdsController } from './households.controller';
import { HouseholdsRepository } from './households.repository';
import { HoldService } from './hold.service';
import { HouseholdsService } from './households.service';

@Module({
  imports: [OrgModule, UsersModule],
  controllers: [HouseholdsController],
  providers: [HouseholdsRepository, HouseholdsService, HoldService],
  exports: [HouseholdsRepository, HouseholdsService, HoldService],
})
export class HouseholdsModule {}
