import { createHash } from 'node:crypto';

export interface SealableEntry {
  sealIndex: number;
  at: Date;
  actorId: string | null;
  actorRole: string | null;
  action: string;
  entityType: string;
  entityId: string;
  householdId: string | null;
  changes: string;
  requestId: string | null;
}

export const GENESIS_HASH = '0'.repeat(64);

/** The hash covers every stored field and the previous hash, so editing, inserting or deleting a row shows. */
export function auditHash(entry: SealableEntry, prevHash: string): string {
  const canonical = JSON.stringify([
    entry.sealIndex,
    prevHash,
    entry.at.toISOString(),
    entry.actorId,
    entry.actorRole,
    entry.action,
    entry.entityType,
    entry.entityId,
    entry.householdId,
    entry.changes,
    entry.requestId,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

const MASKED_FIELDS = new Set(['headIdNumber', 'idNumber', 'phone', 'password', 'passwordHash']);

/** Field-level before → after for the fields that changed; personal data is never written in clear. */
export function diffChanges(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
): Record<string, { from: unknown; to: unknown }> {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of keys) {
    const from = before?.[key] ?? null;
    const to = after?.[key] ?? null;
    if (JSON.stringify(from) === JSON.stringify(to)) continue;
    changes[key] = MASKED_FIELDS.has(key)
      ? { from: from === null ? null : '(已加密)', to: to === null ? null : '(已加密)' }
      : { from, to };
  }
  return changes;
}
