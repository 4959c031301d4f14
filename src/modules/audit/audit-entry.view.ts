import { AuditEntryEntity } from './entities/audit-entry.entity';

/** An audit entry as GET /audit lists it: its changes parsed, its place in the hash chain. */
export function auditEntryView(row: AuditEntryEntity): Record<string, unknown> {
  return {
    id: row.id,
    at: row.at.toISOString(),
    actorId: row.actorId,
    actorRole: row.actorRole,
    action: row.action,
    entityType: row.entityType,
    entityId: row.entityId,
    changes: JSON.parse(row.changes),
    requestId: row.requestId,
    sealIndex: row.sealIndex,
    hash: row.hash,
    prevHash: row.prevHash,
  };
}
