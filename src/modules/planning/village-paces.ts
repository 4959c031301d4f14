import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { addDays, businessDate } from '../../common/time/business-clock';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { netSteps, PACE_WINDOW_DAYS, remainingSteps, VillagePace } from './plan';
import { PlanningRepository } from './planning.repository';
import { STAGE_LEADS } from './stage-leads';

/** A village's progress towards the plan's target, as of a business date. */
export interface VillageProgress extends VillagePace {
  households: number;
  /** Steps still to go, summed over its households. */
  remaining: number;
}

/**
 * Measures the villages' pace (docs/architecture.md, "Planning") in two set-based queries: households by village
 * and stage, and the stage moves of the 14 business days up to today by village.
 */
@Injectable()
export class VillagePaces {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repository: PlanningRepository,
  ) {}

  today(now: Date): string {
    return businessDate(now, this.config.businessTimeZone);
  }

  /** The window of `today`: the 14 business days ending with it. */
  static window(today: string): { from: string; to: string } {
    return { from: addDays(today, -(PACE_WINDOW_DAYS - 1)), to: today };
  }

  async measure(
    today: string,
    villageId?: string,
    manager?: EntityManager,
  ): Promise<Map<string, VillageProgress>> {
    const { from, to } = VillagePaces.window(today);
    const [stages, moves] = [
      await this.repository.stageCounts(villageId, manager),
      await this.repository.moveCounts(from, to, villageId, manager),
    ];
    const progress = new Map<string, VillageProgress>();
    const of = (id: string) => {
      let entry = progress.get(id);
      if (!entry) {
        entry = { households: 0, remaining: 0, steps: 0, openHouseholds: 0 };
        progress.set(id, entry);
      }
      return entry;
    };
    for (const row of stages) {
      const entry = of(row.villageId);
      const remaining = remainingSteps(row.stage, STAGE_LEADS);
      entry.households += row.count;
      entry.remaining += remaining * row.count;
      if (remaining > 0) entry.openHouseholds += row.count;
    }
    const movesByVillage = new Map<string, typeof moves>();
    for (const move of moves)
      movesByVillage.set(move.villageId, [...(movesByVillage.get(move.villageId) ?? []), move]);
    for (const [id, villageMoves] of movesByVillage) of(id).steps = netSteps(villageMoves, STAGE_LEADS);
    return progress;
  }
}
