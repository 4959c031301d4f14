import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  ActiveProblemCounts,
  HouseholdDerived,
  ProblemCounts,
} from '../households/household-derived.service';
import { ProblemsRepository } from './problems.repository';

/** Hands the households' lights what they need of this module's table, at start-up. */
@Injectable()
export class ProblemCountsProvider implements ActiveProblemCounts, OnModuleInit {
  constructor(
    private readonly problems: ProblemsRepository,
    private readonly derived: HouseholdDerived,
  ) {}

  onModuleInit(): void {
    this.derived.provideProblemCounts(this);
  }

  forHousehold(manager: EntityManager, householdId: string, now: Date): Promise<ProblemCounts> {
    return this.problems.activeCounts(manager, householdId, now);
  }

  all(now: Date): Promise<Map<string, ProblemCounts>> {
    return this.problems.activeCountsByHousehold(now);
  }
}
