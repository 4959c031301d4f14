import { Module } from '@nestjs/common';
import { ApprovalsModule } from '../approvals/approvals.module';
import { HouseholdsModule } from '../households/households.module';
import { IntentsController } from './intents.controller';
import { IntentsRepository } from './intents.repository';
import { IntentsService } from './intents.service';
import { StagesModule } from '../stages/stages.module';
import { VisitsModule } from '../visits/visits.module';

@Module({
  // Stages (the frozen-intent rule) before Visits: the order modules are first met is the OpenAPI paths' order.
  imports: [HouseholdsModule, ApprovalsModule, StagesModule, VisitsModule],
  controllers: [IntentsController],
  providers: [IntentsRepository, IntentsService],
  exports: [IntentsService],
})
export class IntentsModule {}
