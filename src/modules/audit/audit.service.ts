import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor } from '../../common/policy/actor';
import { Clock } from '../../common/time/business-clock';
import { AuditFilter, AuditRepository } from './audit.repository';
import { diffChanges } from './audit-hash';
import { AuditAction } from './audit-action';

export interface AuditRecord {
  action: AuditAction;
  entityType: string;
  entityId: string;
  /** The household this entry belongs to, so it shows on that household's timeline. */
  householdId?: string | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  /** Extra facts that are not field changes (file name, revealed ids, …). */
  context?: Record<string, unknown>;
}

/** Writes audit entries inside the caller's transaction, so a write and its audit commit together. */
@Injectable()
export class AuditService {
  constructor(
    private readonly repository: AuditRepository,
    private readonly clock: Clock,
  ) {}

  async record(manager: EntityManager, actor: Actor, ...records: AuditRecord[]): Promise<void> {
    const at = this.clock.now();
    await this.repository.insert(
      manager,
      records.map((record) => {
        const changes: Record<string, unknown> = diffChanges(record.before ?? null, record.after ?? null);
        if (record.context) changes._context = record.context;
        return {
          at,
          actorId: actor.id,
          actorRole: actor.role,
          action: record.action,
          entityType: record.entityType,
          entityId: record.entityId,
          householdId: record.householdId ?? (record.entityType === 'household' ? record.entityId : null),
          changes: JSON.stringify(changes),
          requestId: actor.requestId,
        };
      }),
    );
  }

  /** GET /audit: entries by filter, a page at a time. */
  list(filter: AuditFilter, page: number, pageSize: number) {
    return this.repository.list(filter, page, pageSize);
  }

  /** A household's entries, newest first, reveals left out: its timeline. */
  forHousehold(householdId: string, page: number, pageSize: number) {
    return this.repository.forHousehold(householdId, page, pageSize);
  }
}
