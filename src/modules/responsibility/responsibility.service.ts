import { Injectable } from '@nestjs/common';
import { Actor } from '../../common/policy/actor';
import { HouseholdAccess } from '../households/household-access';
import { OrgDirectory } from '../org/org-directory';
import { UserDirectory } from '../users/user-directory';
import {
  HandoverView,
  HolderView,
  HouseholdResponsiblesView,
  LevelResponsibleView,
  ResponsibleView,
} from './dtos/responsibility.dto';
import { ResponsibilityHandoverEntity } from './entities/responsibility-handover.entity';
import { ResponsibilityRepository } from './responsibility.repository';
import {
  CHAIN_ROLE_LABELS,
  inherited,
  RESPONSIBLE_ROLE_LABELS,
  RESPONSIBLE_ROLES,
  ROLE_HOLDER_KIND,
  ResponsibleRole,
} from './responsibility-roles';

/** Handovers shown with a household's responsibles. */
const HISTORY_LIMIT = 50;

/**
 * The 包保 matrix as read (docs/architecture.md, "The responsibility matrix"): who answers for a household besides
 * its cadre, set at village or task-force level (inherited) or per household (an override), and the handovers.
 * Changes are `ResponsibilityChanges`.
 */
@Injectable()
export class ResponsibilityService {
  constructor(
    private readonly repository: ResponsibilityRepository,
    private readonly households: HouseholdAccess,
    private readonly users: UserDirectory,
    private readonly org: OrgDirectory,
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
    const [rows, handovers, cadreSince] = await Promise.all([
      this.repository.rowsReaching(place),
      this.repository.handoversFor(place, HISTORY_LIMIT),
      this.households.cadreSince(household),
    ]);
    const at = (scope: string, role: ResponsibleRole) =>
      rows.find((r) => r.scopeType === scope && r.role === role);
    const resolved = new Map(
      RESPONSIBLE_ROLES.map((role) => [
        role,
        inherited(at('household', role), at('village', role), at('task_force', role)),
      ]),
    );
    const names = await this.names([
      household.cadreId,
      ...[...resolved.values()].map((r) => r?.value.holderId),
      ...handovers.flatMap((h) => [h.fromHolderId, h.toHolderId, h.byUserId]),
    ]);
    const roles: ResponsibleView[] = [
      {
        role: 'cadre',
        label: CHAIN_ROLE_LABELS.cadre,
        holder: household.cadreId ? names.holder('user', household.cadreId) : null,
        source: household.cadreId ? 'assignment' : null,
        since: cadreSince?.toISOString() ?? null,
      },
      ...RESPONSIBLE_ROLES.map((role): ResponsibleView => {
        const found = resolved.get(role);
        return {
          role,
          label: RESPONSIBLE_ROLE_LABELS[role],
          holder: found ? names.holder(ROLE_HOLDER_KIND[role], found.value.holderId) : null,
          source: found?.source ?? null,
          since: found?.value.since.toISOString() ?? null,
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
