import { Module } from '@nestjs/common';
import { HouseholdsModule } from '../households/households.module';
import { UsersModule } from '../users/users.module';
import { DuplicateDetector } from './duplicate-detector';
import { DuplicateProbe } from './duplicate-probe';
import { DuplicatesController } from './duplicates.controller';
import { DuplicatesRepository } from './duplicates.repository';
import { DuplicatesService } from './duplicates.service';

/**
 * Likely duplicate people across households (issue #16): flagged when households are written (through the
 * households' HouseholdLinks port, and by the ledger after its batches), reviewed and decided by the command
 * centre. Owns `duplicate_pair`.
 */
@Module({
  imports: [HouseholdsModule, UsersModule],
  controllers: [DuplicatesController],
  providers: [DuplicatesRepository, DuplicateDetector, DuplicateProbe, DuplicatesService],
  exports: [DuplicateDetector, DuplicateProbe],
})
export class DuplicatesModule {}
