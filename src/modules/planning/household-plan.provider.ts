import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { TransactionRunner } from '../../database/transaction-runner';
import { HouseholdLinks, HouseholdPlan, PlanFacts } from '../households/household-links';
import { VillagePaceEntity } from './entities/village-plan.entity';
import { STAGES } from '../households/household-stages';
import { planVerdict, VillagePace } from './plan';
import { HouseholdPlanRow, PlanningRepository } from './planning.repository';
import { STAGE_LEADS, validateLeadTable } from './stage-leads';
import { VillagePaces } from './village-paces';

type PlannedHousehold = { id: string; villageId: string; stage: string };

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

  /**
   * One statement: the household's batch move date (first) or its village's, and the village's pace as last
   * measured (review or move date change); no pace yet: no red from the plan.
   */
  async factsFor(manager: EntityManager, household: PlannedHousehold, now: Date): Promise<PlanFacts | null> {
    const row = await this.repository.householdPlan(manager, household.id, household.villageId);
    return this.verdict(household, row, now);
  }

  /** `factsFor` of several households (a batch of visits) in one statement, by household id. */
  async factsForMany(
    manager: EntityManager,
    households: PlannedHousehold[],
    now: Date,
  ): Promise<Map<string, PlanFacts | null>> {
    const rows = await this.repository.householdPlans(
      manager,
      households.map((h) => h.id),
    );
    return new Map(
      households.map((h) => [h.id, rows.has(h.id) ? this.verdict(h, rows.get(h.id)!, now) : null]),
    );
  }

  private verdict(household: PlannedHousehold, row: HouseholdPlanRow, now: Date): PlanFacts | null {
    const moveDate = row.batchMoveDate ?? row.villageMoveDate;
    if (!moveDate) return null;
    const pace: VillagePace | null =
      row.steps === null ? null : { steps: row.steps, openHouseholds: row.openHouseholds ?? 0 };
    return planVerdict(household.stage, moveDate, this.paces.today(now), pace, STAGE_LEADS);
  }

  /**
   * Measures and stores the paces (every village's, or one's) in two GROUP BYs, reads the move dates once, and
   * returns a judge that works from memory; nothing at all while no move date is set anywhere.
   */
  async forReview(now: Date, villageId?: string): Promise<(household: PlannedHousehold) => PlanFacts | null> {
    if (!(await this.repository.anyPlan())) return () => null;
    const today = this.paces.today(now);
    const progress = await this.paces.measure(today, villageId);
    const villageMoveDates = new Map(
      (villageId
        ? [await this.repository.findVillagePlan(villageId)].filter((plan) => plan !== null)
        : await this.repository.allVillagePlans()
      ).map((plan) => [plan.villageId, plan.moveDate]),
    );
    const batchMoveDates = await this.repository.batchMoveDates(villageId);
    await this.transactions.run((manager) =>
      this.repository.savePaces(
        manager,
        [...progress].map(([id, measured]) =>
          Object.assign(new VillagePaceEntity(), {
            villageId: id,
            paceDate: today,
            steps: measured.steps,
            openHouseholds: measured.openHouseholds,
          }),
        ),
      ),
    );
    // The verdict depends on the move date, the village (its pace) and the stage only: each village's verdicts by
    // stage are made once, so a household costs two map lookups (a batch member's are made as they come).
    const judge = (moveDate: string, villageId: string) => {
      const measured = progress.get(villageId) ?? { steps: 0, openHouseholds: 0 };
      return new Map<string, PlanFacts>(
        STAGES.map((stage) => [stage, planVerdict(stage, moveDate, today, measured, STAGE_LEADS)]),
      );
    };
    const byVillage = new Map([...villageMoveDates].map(([id, moveDate]) => [id, judge(moveDate, id)]));
    const byBatchDate = new Map<string, Map<string, PlanFacts>>();
    return (household) => {
      const batchMoveDate = batchMoveDates.size ? batchMoveDates.get(household.id) : undefined;
      if (batchMoveDate === undefined)
        return byVillage.get(household.villageId)?.get(household.stage) ?? null;
      const key = `${batchMoveDate}|${household.villageId}`;
      let verdicts = byBatchDate.get(key);
      if (!verdicts) {
        verdicts = judge(batchMoveDate, household.villageId);
        byBatchDate.set(key, verdicts);
      }
      return verdicts.get(household.stage) ?? null;
    };
  }
}
