import { Injectable } from '@nestjs/common';
import { Actor } from '../../common/policy/actor';
import { Clock } from '../../common/time/business-clock';
import { TransactionRunner } from '../../database/transaction-runner';
import { AuditService } from '../audit/audit.service';
import { HouseholdDerived } from './household-derived.service';
import { HoldDto, ReleaseDto } from './dtos/hold.dto';
import { HouseholdAccess } from './household-access';
import { HouseholdErrors } from './households.errors';
import { historyRow } from './household-history';
import { HouseholdsRepository } from './households.repository';

/** 暂停推进: a household in dispute, petition or litigation cannot advance until released. */
@Injectable()
export class HoldService {
  constructor(
    private readonly households: HouseholdAccess,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditService,
    private readonly derived: HouseholdDerived,
    private readonly clock: Clock,
    private readonly history: HouseholdsRepository,
  ) {}

  hold(actor: Actor, id: string, dto: HoldDto): Promise<void> {
    return this.set(actor, id, true, dto.reason, dto.note);
  }

  release(actor: Actor, id: string, dto: ReleaseDto): Promise<void> {
    return this.set(actor, id, false, null, dto.note);
  }

  private async set(
    actor: Actor,
    id: string,
    onHold: boolean,
    reason: string | null,
    note?: string,
  ): Promise<void> {
    await this.transactions.run(async (manager) => {
      const household = await this.households.requireVisible(actor, id, manager);
      if (household.onHold === onHold && household.holdReason === reason) {
        throw onHold ? HouseholdErrors.alreadyOnHold() : HouseholdErrors.notOnHold();
      }
      const before = { onHold: household.onHold, holdReason: household.holdReason };
      const fields = { onHold, holdReason: reason, updatedAt: this.clock.now() };
      await this.households.touch(manager, id, fields);
      Object.assign(household, fields);
      await this.history.insertHistory(manager, [
        historyRow(household, actor.id, onHold ? 'hold' : 'release', fields.updatedAt),
      ]);
      await this.audit.record(manager, actor, {
        action: onHold ? 'hold' : 'release',
        entityType: 'household',
        entityId: id,
        before,
        after: { onHold, holdReason: reason },
        context: note ? { note } : undefined,
      });
      await this.derived.refreshLight(manager, household);
    });
  }
}
