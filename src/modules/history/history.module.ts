import { Module } from '@nestjs/common';
import { HouseholdsModule } from '../households/households.module';
import { PastHouseholdsRepository } from './past-households.repository';
import { PastHouseholdsService } from './past-households.service';

/** Any past date (docs/architecture.md, "History"): households as they were, rebuilt from the events. */
@Module({
  imports: [HouseholdsModule],
  providers: [PastHouseholdsRepository, PastHouseholdsService],
  exports: [PastHouseholdsService],
})
export class HistoryModule {}
