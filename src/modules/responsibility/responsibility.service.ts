import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AccessPolicy } from '../../common/policy/access-policy';
import { Actor } from '../../common/policy/actor';
import { Clock } from '../../common/time/business-clock';
import { TransactionRunner } from '../../database/transaction-runner';
import { AuditRecord, AuditService } from '../audit/audit.service';
import { HouseholdAccess } from '../households/household-access';
import { OrgDirectory } from '../org/org-directory';
import { UserDirectory } from '../users/user-directory';
import {
  HandoverView,
  HolderView,
  HouseholdResponsiblesView,
  LevelResponsibleView,
  ResponsibleView,
  SetHouseholdResponsiblesDto,
  SetResponsibleDto,
  SetResponsibleResultDto,
} from './dtos/responsibility.dto';
import { ResponsibilityHandoverEntity } from './entities/responsibility-handover.entity';
import { ResponsibilityEntity } from './entities/responsibility.entity';
import { ResponsibilityErrors } from './responsibility.errors';
import { EffectiveHolder, HouseholdSet, ResponsibilityRepository } from './responsibility.repository';
import {
  CHAIN_ROLE_LABELS,
  RESPONSIBLE_ROLE_LABELS,
  RESPONSIBLE_ROLES,
  ROLE_HOLDER_KIND,
  ResponsibilityScope,
  ResponsibleRole,
} from './responsibility-roles';

/** Handovers shown with a household's responsibles. */
const HISTORY_LIMIT = 50;

/**
 * The 包保 matrix (docs/architecture.md, "The responsibility matrix"): who answers for a household besides its
 * cadre, set at village or task-force level (inherited) or per household (an override), each change a handover.
 */
@Injectable()
export class ResponsibilityService {
  constructor(
    private readonly repository: ResponsibilityRepository,
    private readonly households: HouseholdAccess,
    private readonly users: UserDirectory,
    private readonly org: OrgDirectory,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** The chain (cadre → village leader → task-force leader) and the backing unit, with the handovers. */
  async forHousehold(actor: Actor, householdId: string): Promise<HouseholdResponsiblesView> {
    const household = await this.households.requireVisible(actor, householdId);
    const place = {
      id: household.id,
      villageId: household.villageId,
      taskForceId: household.taskForceId,
      cadreId: household.cadreId,
    };
    const [resolved, handovers] = await Promise.all([
      this.repository.resolve(place),
      this.repository.handoversFor(place, HISTORY_LIMIT),
    ]);
    const names = await this.names([
      household.cadreId,
      ...[...resolved.values()].map((r) => r.holderId),
      ...handovers.flatMap((h) => [h.fromHolderId, h.toHolderId, h.byUserId]),
    ]);
    const roles: ResponsibleView[] = [
      {
        role: 'cadre',
        label: CHAIN_ROLE_LABELS.cadre,
        holder: household.cadreId ? names.holder('user', household.cadreId) : null,
        source: household.cadreId ? 'assignment' : null,
        since: null,
      },
      ...RESPONSIBLE_ROLES.map((role): ResponsibleView => {
        const row = resolved.get(role);
        return {
          role,
          label: RESPONSIBLE_ROLE_LABELS[role],
          holder: row ? names.holder(ROLE_HOLDER_KIND[role], row.holderId) : null,
          source: row?.source ?? null,
          since: row?.since.toISOString() ?? null,
        };
      }),
    ];
    return { householdId, roles, history: handovers.map((h) => this.handoverView(h, names)) };
  }

  /** What is set at village and task-force level (the console's matrix page). */
  async levels(scopeType?: 'village' | 'task_force'): Promise<LevelResponsibleView[]> {
    const rows = await this.repository.atLevel(scopeType);
    const names = await this.names(rows.map((r) => r.holderId));
    return rows.map((r) => ({
      scopeType: r.scopeType,
      scopeId: r.scopeId,
      scopeName: names.unitName(r.scopeId),
      role: r.role,
      label: RESPONSIBLE_ROLE_LABELS[r.role as ResponsibleRole] ?? r.role,
      holder: names.holder(ROLE_HOLDER_KIND[r.role as ResponsibleRole] ?? 'user', r.holderId),
      since: r.since.toISOString(),
    }));
  }

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
    return this.transactions.run((manager) =>
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
    return this.transactions.run(async (manager) => {
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

  private handoverView(h: ResponsibilityHandoverEntity, names: Names): HandoverView {
    const kind = ROLE_HOLDER_KIND[h.role as ResponsibleRole] ?? 'user';
    return {
      id: h.id,
      role: h.role,
      roleLabel: RESPONSIBLE_ROLE_LABELS[h.role as ResponsibleRole] ?? h.role,
      scopeType: h.scopeType,
      scopeId: h.scopeId,
      from: h.fromHolderId ? names.holder(kind, h.fromHolderId) : null,
      to: h.toHolderId ? names.holder(kind, h.toHolderId) : null,
      by: h.byUserId,
      byName: h.byUserId ? names.userName(h.byUserId) : null,
      at: h.at.toISOString(),
      reason: h.reason,
    };
  }

  /** Display names of users and org units, two queries for any number of ids. */
  private async names(ids: (string | null | undefined)[]): Promise<Names> {
    const wanted = [...new Set(ids.filter((id): id is string => !!id))];
    const [users, units] = await Promise.all([this.users.findByIds(wanted), this.org.all()]);
    const userNames = new Map(users.map((u) => [u.id, u.displayName]));
    const unitNames = new Map(units.map((u) => [u.id, u.name]));
    const userName = (id: string) => userNames.get(id) ?? id;
    const unitName = (id: string) => unitNames.get(id) ?? id;
    return {
      userName,
      unitName,
      holder: (type, id) => ({ type, id, name: type === 'user' ? userName(id) : unitName(id) }),
    };
  }
}

interface Names {
  userName(id: string): string;
  unitName(id: string): string;
  holder(type: 'user' | 'unit', id: string): HolderView;
}

function same(a: EffectiveHolder | undefined, b: EffectiveHolder): boolean {
  return (a?.holderId ?? null) === b.holderId;
}
