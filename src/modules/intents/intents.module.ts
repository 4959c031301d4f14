import { Module } from '@nestjs/common';
import { ApprovalsModule } from '../approvals/approvals.module';
import { HouseholdsModule } from '../households/households.module';
import { IntentsController } from './intents.controller';
import { IntentsRepository } from './intents.repository';
import { IntentsService } from './intents.service';

@Module({
  imports: [HouseholdsModule, ApprovalsModule],
  controllers: [IntentsController],
  providers: [IntentsRepository, IntentsService],
  exports: [IntentsService],
})
export class IntentsModule {}
