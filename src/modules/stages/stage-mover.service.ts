import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { CommonErrors } from '../../common/errors/domain-error';
import { Actor } from '../../common/policy/actor';
import { businessDate, Clock } from '../../common/time/business-clock';
import { AuditService } from '../audit/audit.service';
import { HouseholdDerived } from '../households/household-derived.service';
import { StageEventEntity } from './entities/stage-event.entity';
import { StageEventsRepository } from './stage-events.repository';
import { Household, HouseholdAccess } from '../households/household-access';

export interface MoveOptions {
  kind: 'advance' | 'rollback';
  reason?: string | null;
  approvalId?: string | null;
  /** The version the caller read; omitted when an approval applies a move it already checked. */
  expectedVersion?: number;
}

/** The one place a household's stage changes: the row, the stage event, the audit entry, the light. */
@Injectable()
export class StageMover {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly households: HouseholdAccess,
    private readonly events: StageEventsRepository,
    private readonly audit: AuditService,
    private readonly derived: HouseholdDerived,
    private readonly clock: Clock,
  ) {}

  async move(
    manager: EntityManager,
    actor: Actor,
    household: Household,
    to: string,
    options: MoveOptions,
  ): Promise<void> {
    const now = this.clock.now();
    const from = household.stage;
    const fields = { stage: to, stageChangedAt: now, updatedAt: now };
    if (options.expectedVersion !== undefined) {
      if (!(await this.households.update(manager, household.id, options.expectedVersion, fields)))
        throw CommonErrors.staleVersion();
    } else {
      await this.households.touch(manager, household.id, fields);
    }
    Object.assign(household, fields, { version: household.version + 1 });
    await this.events.insert(
      manager,
      Object.assign(new StageEventEntity(), {
        id: randomUUID(),
        householdId: household.id,
        fromStage: from,
        toStage: to,
        kind: options.kind,
        reason: options.reason ?? null,
        approvalId: options.approvalId ?? null,
        actorId: actor.id,
        at: now,
        businessDate: businessDate(now, this.config.businessTimeZone),
      }),
    );
    await this.audit.record(manager, actor, {
      action: options.kind === 'rollback' ? 'stage_rollback' : 'stage_move',
      entityType: 'household',
      entityId: household.id,
      before: { stage: from },
      after: { stage: to },
      context: { reason: options.reason ?? undefined, approvalId: options.approvalId ?? undefined },
    });
    await this.derived.refreshLight(manager, household);
  }
}
