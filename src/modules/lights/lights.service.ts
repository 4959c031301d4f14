import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { Clock } from '../../common/time/business-clock';
import { HouseholdEntity } from '../households/entities/household.entity';
import { computeLight, Light, LightReason } from './lights';
import { LightsRepository } from './lights.repository';

/** Recomputes a household's light inside the transaction of whatever changed it. */
@Injectable()
export class LightsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repository: LightsRepository,
    private readonly clock: Clock,
  ) {}

  async refresh(
    manager: EntityManager,
    household: HouseholdEntity,
  ): Promise<{ light: Light; reasons: LightReason[] }> {
    const now = this.clock.now();
    // Most households have no open problem: skip the query then (it is on the visit hot path).
    const problems =
      household.openProblems > 0
        ? await this.repository.problemCounts(manager, household.id, now)
        : { overdue: 0, p1: 0 };
    const result = computeLight(
      {
        stage: household.stage,
        onHold: household.onHold,
        createdAt: household.createdAt,
        stageChangedAt: household.stageChangedAt,
        lastVisitAt: household.lastVisitAt,
        overdueProblems: problems.overdue,
        openP1Problems: problems.p1,
      },
      now,
      this.config.lights,
    );
    if (result.light !== household.light || JSON.stringify(result.reasons) !== household.lightReasons) {
      await this.repository.save(manager, household.id, result.light, result.reasons);
      household.light = result.light;
      household.lightReasons = JSON.stringify(result.reasons);
    }
    return result;
  }
}
