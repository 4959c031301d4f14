import { Module, OnModuleInit } from '@nestjs/common';
import { HouseholdsModule } from '../households/households.module';
import { OrgModule } from '../org/org.module';
import { UsersModule } from '../users/users.module';
import { HouseholdProblemsProvider } from './household-problems.provider';
import { validateProblemTable } from './problem-states';
import { ProblemsController } from './problems.controller';
import { ProblemsRepository } from './problems.repository';
import { ProblemsService } from './problems.service';

@Module({
  imports: [HouseholdsModule, OrgModule, UsersModule],
  controllers: [ProblemsController],
  providers: [ProblemsRepository, ProblemsService, HouseholdProblemsProvider],
  exports: [ProblemsService],
})
export class ProblemsModule implements OnModuleInit {
  onModuleInit(): void {
    const problems = validateProblemTable();
    if (problems.length) throw new Error(`Problem status table is invalid:\n  ${problems.join('\n  ')}`);
  }
}
