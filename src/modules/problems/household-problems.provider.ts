import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { HouseholdLinks, HouseholdProblems, ProblemCounts } from '../households/household-links';
import { ProblemsRepository } from './problems.repository';

/** Hands households what they need of this module's table, at start-up (HouseholdLinks). */
@Injectable()
export class HouseholdProblemsProvider implements HouseholdProblems, OnModuleInit {
  constructor(
    private readonly problems: ProblemsRepository,
    private readonly links: HouseholdLinks,
  ) {}

  onModuleInit(): void {
    this.links.provideProblems(this);
  }

  activeCounts(manager: EntityManager, householdId: string, now: Date): Promise<ProblemCounts> {
    return this.problems.activeCounts(manager, householdId, now);
  }

  activeCountsByHousehold(now: Date): Promise<Map<string, ProblemCounts>> {
    return this.problems.activeCountsByHousehold(now);
  }

  followMove(manager: EntityManager, householdId: string, villageId: string, townshipId: string | null) {
    return this.problems.followHousehold(manager, householdId, villageId, townshipId);
  }
}
