import { Injectable } from '@nestjs/common';
import { Page } from '../../common/http/pagination';
import { Actor } from '../../common/policy/actor';
import { AuditService } from '../audit/audit.service';
import { UserDirectory } from '../users/user-directory';
import { HouseholdAccess } from '../households/household-access';
import { AuditAction } from '../audit/audit-action';

/** What kind of event an audit action is, on a household's timeline. */
const EVENT_TYPES: Partial<Record<AuditAction, string>> = {
  create: 'created',
  update: 'edited',
  import: 'imported',
  assign: 'assignment',
  visit: 'visit',
  intent_change: 'intent',
  stage_move: 'stage',
  stage_rollback: 'stage',
  approval_request: 'approval',
  approval_approve: 'approval',
  approval_reject: 'approval',
  approval_cancel: 'approval',
  hold: 'hold',
  release: 'hold',
  handover: 'handover',
};

export interface TimelineEvent {
  at: string;
  type: string;
  action: string;
  entityType: string;
  entityId: string;
  actor: { id: string | null; role: string | null; displayName: string | null };
  changes: Record<string, unknown>;
}

@Injectable()
export class TimelineService {
  constructor(
    private readonly audit: AuditService,
    private readonly households: HouseholdAccess,
    private readonly users: UserDirectory,
  ) {}

  async forHousehold(
    actor: Actor,
    householdId: string,
    page: number,
    pageSize: number,
  ): Promise<Page<TimelineEvent>> {
    await this.households.requireVisible(actor, householdId);
    const [rows, total] = await this.audit.forHousehold(householdId, page, pageSize);
    const actorIds = [...new Set(rows.map((r) => r.actorId).filter((id): id is string => !!id))];
    const names = new Map((await this.users.findByIds(actorIds)).map((u) => [u.id, u.displayName]));
    return {
      items: rows.map((row) => ({
        at: row.at.toISOString(),
        type:
          EVENT_TYPES[row.action as AuditAction] ?? (row.entityType === 'problem' ? 'problem' : row.action),
        action: row.action,
        entityType: row.entityType,
        entityId: row.entityId,
        actor: {
          id: row.actorId,
          role: row.actorRole,
          displayName: row.actorId ? (names.get(row.actorId) ?? null) : null,
        },
        changes: JSON.parse(row.changes) as Record<string, unknown>,
      })),
      total,
      page,
      pageSize,
    };
  }
}
