import { Module } from '@nestjs/common';
import { HouseholdsModule } from '../households/households.module';
import { UsersModule } from '../users/users.module';
import { ApprovalsController } from './approvals.controller';
import { ApprovalsRepository } from './approvals.repository';
import { ApprovalsService } from './approvals.service';
import { HouseholdApprovalsProvider } from './household-approvals.provider';

@Module({
  imports: [HouseholdsModule, UsersModule],
  controllers: [ApprovalsController],
  providers: [ApprovalsRepository, ApprovalsService, HouseholdApprovalsProvider],
  exports: [ApprovalsService],
})
export class ApprovalsModule {}
