import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { TransactionRunner } from '../../database/transaction-runner';
import { HouseholdLinks, HouseholdPlan, PlanFacts } from '../households/household-links';
import { planVerdict, VillagePace } from './plan';
import { PlanningRepository } from './planning.repository';
import { STAGE_LEADS, validateLeadTable } from './stage-leads';
import { VillagePaces } from './village-paces';

/** Hands households the plan facts of their lights (HouseholdLinks.plan), and checks the lead table at start-up. */
@Injectable()
export class HouseholdPlanProvider implements HouseholdPlan, OnModuleInit {
  constructor(
    private readonly repository: PlanningRepository,
    private readonly paces: VillagePaces,
    private readonly transactions: TransactionRunner,
    private readonly links: HouseholdLinks,
  ) {}

  onModuleInit(): void {
    const problems = validateLeadTable(STAGE_LEADS);
    if (problems.length) throw new Error(`The stage lead table is broken: ${problems.join('; ')}`);
    this.links.providePlan(this);
  }

  /** One primary-key lookup of the village's plan; the pace is the one last measured (review or move date change). */
  async factsFor(
    manager: EntityManager,
    household: { villageId: string; stage: string },
    now: Date,
  ): Promise<PlanFacts | null> {
    const plan = await this.repository.findVillagePlan(household.villageId, manager);
    if (!plan) return null;
    const pace: VillagePace | null =
      plan.paceSteps === null ? null : { steps: plan.paceSteps, openHouseholds: plan.paceOpen ?? 0 };
    return planVerdict(household.stage, plan.moveDate, this.paces.today(now), pace, STAGE_LEADS);
  }

  async forReview(
    now: Date,
    villageId?: string,
  ): Promise<(household: { villageId: string; stage: string }) => PlanFacts | null> {
    const plans = villageId
      ? [await this.repository.findVillagePlan(villageId)].filter((plan) => plan !== null)
      : await this.repository.allVillagePlans();
    if (plans.length === 0) return () => null;
    const today = this.paces.today(now);
    const progress = await this.paces.measure(today, villageId);
    const planned = new Map<string, { moveDate: string; pace: VillagePace }>();
    await this.transactions.run(async (manager) => {
      for (const plan of plans) {
        const measured = progress.get(plan.villageId) ?? { steps: 0, openHouseholds: 0 };
        await this.repository.savePace(
          manager,
          plan.villageId,
          today,
          measured.steps,
          measured.openHouseholds,
        );
        planned.set(plan.villageId, {
          moveDate: plan.moveDate,
          pace: { steps: measured.steps, openHouseholds: measured.openHouseholds },
        });
      }
    });
    // The verdict depends on the village and the stage only: computed once per pair, not per household.
    const verdicts = new Map<string, PlanFacts>();
    return (household) => {
      const plan = planned.get(household.villageId);
      if (!plan) return null;
      const key = `${household.villageId}|${household.stage}`;
      let verdict = verdicts.get(key);
      if (!verdict) {
        verdict = planVerdict(household.stage, plan.moveDate, today, plan.pace, STAGE_LEADS);
        verdicts.set(key, verdict);
      }
      return verdict;
    };
  }
}
