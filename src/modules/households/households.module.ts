import { Module } from '@nestjs/common';
import { OrgModule } from '../org/org.module';
import { UsersModule } from '../users/users.module';
import { HouseholdsController } from './households.controller';
import { HouseholdsRepository } from './households.repository';
import { HouseholdsService } from './households.service';

@Module({
  imports: [OrgModule, UsersModule],
  controllers: [HouseholdsController],
  providers: [HouseholdsRepository, HouseholdsService],
  exports: [HouseholdsRepository, HouseholdsService],
})
export class HouseholdsModule {}
