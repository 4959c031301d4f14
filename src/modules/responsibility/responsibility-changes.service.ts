import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { uniqueViolation } from '../../common/errors/unique-violation';
import { AccessPolicy } from '../../common/policy/access-policy';
import { Actor } from '../../common/policy/actor';
import { Clock } from '../../common/time/business-clock';
import { TransactionRunner } from '../../database/transaction-runner';
import { AuditRecord, AuditService } from '../audit/audit.service';
import { OrgDirectory } from '../org/org-directory';
import { UserDirectory } from '../users/user-directory';
import {
  SetHouseholdResponsiblesDto,
  SetResponsibleDto,
  SetResponsibleResultDto,
} from './dtos/responsibility.dto';
import { ResponsibilityHandoverEntity } from './entities/responsibility-handover.entity';
import { ResponsibilityEntity } from './entities/responsibility.entity';
import { ResponsibilityErrors } from './responsibility.errors';
import { EffectiveHolder, HouseholdSet, ResponsibilityRepository } from './responsibility.repository';
import {
  RESPONSIBLE_ROLE_LABELS,
  ROLE_HOLDER_KIND,
  ResponsibilityScope,
  ResponsibleRole,
} from './responsibility-roles';

/**
 * Changes to the 包保 matrix (docs/architecture.md, "The responsibility matrix"): a role set or cleared at a village,
 * a task force or some households, all or nothing, each change of holder a handover and an audit entry on every
 * household it reaches.
 */
@Injectable()
export class ResponsibilityChanges {
  constructor(
    private readonly repository: ResponsibilityRepository,
    private readonly users: UserDirectory,
    private readonly org: OrgDirectory,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Sets (or clears) a role at a village or a task force: inherited by its households that set none. */
  async setAtLevel(
    actor: Actor,
    scopeType: 'village' | 'task_force',
    scopeId: string,
    dto: SetResponsibleDto,
  ): Promise<SetResponsibleResultDto> {
    if (!AccessPolicy.canSetResponsibles(actor)) throw ResponsibilityErrors.notAllowed();
    const unit = await this.org.findById(scopeId);
    if (!unit || unit.kind !== scopeType) throw ResponsibilityErrors.scopeNotFound(scopeType);
    const role = dto.role as ResponsibleRole;
    await this.requireHolder(role, dto.holderId);
    const reached: HouseholdSet = scopeType === 'village' ? { villageId: scopeId } : { taskForceId: scopeId };
    return this.write((manager) =>
      this.change(
        manager,
        actor,
        { scopeType, scopeIds: [scopeId], role, holderId: dto.holderId, reason: dto.reason },
        reached,
      ),
    );
  }

  /**
   * Per-household overrides for a selection or for every household of a village, all or nothing: one household
   * the caller does not see (or that does not exist) and nothing changes (404 naming it).
   */
  async setForHouseholds(actor: Actor, dto: SetHouseholdResponsiblesDto): Promise<SetResponsibleResultDto> {
    if (!AccessPolicy.canSetResponsibles(actor)) throw ResponsibilityErrors.notAllowed();
    if (!!dto.householdIds === !!dto.villageId) throw ResponsibilityErrors.oneSelection();
    const role = dto.role as ResponsibleRole;
    await this.requireHolder(role, dto.holderId);
    if (dto.villageId) {
      const village = await this.org.findById(dto.villageId);
      if (!village || village.kind !== 'village') throw ResponsibilityErrors.scopeNotFound('village');
    }
    return this.write(async (manager) => {
      const scope = AccessPolicy.householdScope(actor);
      let ids: string[];
      /** The village's households, before the scope (the command centre sees them all). */
      let inVillage: string[] = [];
      if (dto.householdIds) {
        const found = await this.repository.visibleHouseholds(scope, dto.householdIds, manager);
        const present = new Set(found.map((h) => h.id));
        const missing = dto.householdIds.filter((id) => !present.has(id));
        if (missing.length) throw ResponsibilityErrors.someNotFound(missing);
        ids = dto.householdIds;
      } else {
        inVillage = [
          ...(await this.repository.effective(role, { villageId: dto.villageId! }, manager)).keys(),
        ];
        ids = (await this.repository.visibleHouseholds(scope, inVillage, manager)).map((h) => h.id);
        if (ids.length === 0) throw ResponsibilityErrors.villageEmpty();
      }
      return this.change(
        manager,
        actor,
        { scopeType: 'household', scopeIds: ids, role, holderId: dto.holderId, reason: dto.reason },
        // A whole village is read by its index, not by a list of thousands of ids.
        dto.villageId && ids.length === inVillage.length ? { villageId: dto.villageId } : { ids },
      );
    });
  }

  /**
   * One change of a role's holder at some scopes, in the caller's transaction: the rows, a handover per scope
   * whose holder changes, and an audit entry per household whose holder changes (its timeline) or whose own
   * setting changes, plus one for a village or task force.
   */
  private async change(
    manager: EntityManager,
    actor: Actor,
    change: {
      scopeType: ResponsibilityScope;
      scopeIds: string[];
      role: ResponsibleRole;
      holderId: string | null;
      reason?: string;
    },
    reached: HouseholdSet,
  ): Promise<SetResponsibleResultDto> {
    const { scopeType, scopeIds, role, holderId } = change;
    const reason = change.reason?.trim() || null;
    const now = this.clock.now();
    const before = await this.repository.effective(role, reached, manager);
    const existing = new Map(
      (await this.repository.rowsOf(manager, scopeType, scopeIds, role)).map((r) => [r.scopeId, r]),
    );
    const changed = scopeIds.filter((id) => (existing.get(id)?.holderId ?? null) !== holderId);
    if (changed.length === 0) return { changed: 0, householdsAffected: 0 };
    await this.repository.remove(
      manager,
      changed.map((id) => existing.get(id)?.id).filter((id): id is string => !!id),
    );
    if (holderId)
      await this.repository.insert(
        manager,
        changed.map((scopeId) =>
          Object.assign(new ResponsibilityEntity(), {
            id: randomUUID(),
            scopeType,
            scopeId,
            role,
            holderId,
            since: now,
            setBy: actor.id,
          }),
        ),
      );
    await this.repository.insertHandovers(
      manager,
      changed.map((scopeId) =>
        Object.assign(new ResponsibilityHandoverEntity(), {
          id: randomUUID(),
          scopeType,
          scopeId,
          role,
          fromHolderId: existing.get(scopeId)?.holderId ?? null,
          toHolderId: holderId,
          byUserId: actor.id,
          at: now,
          reason,
        }),
      ),
    );
    const after = await this.repository.effective(role, reached, manager);
    const ownChanged = new Set(scopeType === 'household' ? changed : []);
    const touched = [...after].filter(([id, holder]) => ownChanged.has(id) || !same(before.get(id), holder));
    const context = { role, roleLabel: RESPONSIBLE_ROLE_LABELS[role], scope: scopeType, reason };
    const records: AuditRecord[] = touched.map(([id, holder]) => ({
      action: 'handover',
      entityType: 'household',
      entityId: id,
      before: { [role]: before.get(id)?.holderId ?? null },
      after: { [role]: holder.holderId },
      context: { ...context, scopeId: scopeType === 'household' ? id : scopeIds[0], source: holder.source },
    }));
    if (scopeType !== 'household')
      records.push({
        action: 'handover',
        entityType: 'org_unit',
        entityId: scopeIds[0],
        before: { [role]: existing.get(scopeIds[0])?.holderId ?? null },
        after: { [role]: holderId },
        context,
      });
    await this.audit.record(manager, actor, ...records);
    return {
      changed: changed.length,
      householdsAffected: [...after].filter(([id, holder]) => !same(before.get(id), holder)).length,
    };
  }

  /** Two changes of one scope and role at once: the second's insert meets the first's row; it is told to retry. */
  private async write<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await this.transactions.run(work);
    } catch (error) {
      if (uniqueViolation(error)) throw ResponsibilityErrors.concurrentChange();
      throw error;
    }
  }

  /** A leader is an active user; a backing unit an org unit of kind `unit`; null clears. */
  private async requireHolder(role: ResponsibleRole, holderId: string | null): Promise<void> {
    if (holderId === null) return;
    if (ROLE_HOLDER_KIND[role] === 'user') {
      const user = await this.users.findById(holderId);
      if (!user || !user.active)
        throw ResponsibilityErrors.badHolder(`${RESPONSIBLE_ROLE_LABELS[role]}须是在用的用户`);
    } else {
      const unit = await this.org.findById(holderId);
      if (!unit || unit.kind !== 'unit')
        throw ResponsibilityErrors.badHolder(`${RESPONSIBLE_ROLE_LABELS[role]}须是组织机构中的单位`);
    }
  }
}

function same(a: EffectiveHolder | undefined, b: EffectiveHolder): boolean {
  return (a?.holderId ?? null) === b.holderId;
}
