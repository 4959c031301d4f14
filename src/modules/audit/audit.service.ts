import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { WriterLink } from '../../cluster/writer-link';
import { WriterOperations } from '../../cluster/writer-operations';
import { Actor } from '../../common/policy/actor';
import { TransactionRunner } from '../../database/transaction-runner';
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

const AUDIT_OPERATION = 'audit';

/** Writes audit entries inside the caller's transaction, so a write and its audit commit together. */
@Injectable()
export class AuditService {
  constructor(
    private readonly repository: AuditRepository,
    private readonly clock: Clock,
    private readonly transactions: TransactionRunner,
    private readonly link: WriterLink,
    operations: WriterOperations,
  ) {
    operations.register(AUDIT_OPERATION, (item) => {
      const { actor, records } = item as { actor: Actor; records: AuditRecord[] };
      return this.recordAlone(actor, ...records);
    });
  }

  /**
   * Entries that are a write of their own (a full read, an export): committed before the caller goes on, so
   * nothing is shown that was not recorded. A cluster's reader hands them to the writer process.
   */
  async recordAlone(actor: Actor, ...records: AuditRecord[]): Promise<void> {
    if (this.link.active) return this.link.submit(AUDIT_OPERATION, { actor, records });
    await this.transactions.run((manager) => this.record(manager, actor, ...records));
  }

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
