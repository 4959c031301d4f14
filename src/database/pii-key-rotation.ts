import { DataSource, EntityManager } from 'typeorm';
import { PiiCipher } from '../common/pii/pii-cipher';
import { AuditCheckpointKey } from '../modules/audit/audit-checkpoint-key';
import { rawQuery } from './raw-query';

/** Every encrypted column and the keyed hash beside it (null when the column has none). */
const COLUMNS: { table: string; encrypted: string; hash: string | null }[] = [
  { table: 'household', encrypted: 'head_id_enc', hash: 'head_id_hash' },
  { table: 'household', encrypted: 'phone_enc', hash: 'phone_hash' },
  { table: 'household_member', encrypted: 'id_enc', hash: 'id_hash' },
  { table: 'app_user', encrypted: 'phone_enc', hash: null },
];

export interface RotationResult {
  /** Values re-encrypted, per table.column. */
  columns: Record<string, number>;
  /** Audit checkpoints re-keyed (only when their key is derived from PII_KEY, i.e. AUDIT_KEY is unset). */
  checkpoints: number;
}

/**
 * Re-encrypts every personal-data column and recomputes every keyed hash from the old PII_KEY to the new one,
 * in one transaction: all or nothing. A maintenance command across the tables of several modules, run with
 * the API stopped; nothing is decrypted into the log. When the audit checkpoints' key comes from PII_KEY they
 * are checked with the old key first (a forged one stops the rotation) and then re-keyed.
 */
export async function rotatePiiKey(
  dataSource: DataSource,
  oldKey: Buffer,
  newKey: Buffer,
  options: { rekeyCheckpoints: boolean },
): Promise<RotationResult> {
  const from = new PiiCipher(oldKey);
  const to = new PiiCipher(newKey);
  return dataSource.transaction(async (manager) => {
    const columns: Record<string, number> = {};
    for (const column of COLUMNS)
      columns[`${column.table}.${column.encrypted}`] = await rotateColumn(manager, column, from, to);
    await rehashDuplicatePairs(manager, from, to);
    const checkpoints = options.rekeyCheckpoints
      ? await rekeyCheckpoints(manager, new AuditCheckpointKey(oldKey), new AuditCheckpointKey(newKey))
      : 0;
    return { columns, checkpoints };
  });
}

async function rotateColumn(
  manager: EntityManager,
  column: (typeof COLUMNS)[number],
  from: PiiCipher,
  to: PiiCipher,
): Promise<number> {
  const rows = await rawQuery<{ id: string; value: string }>(
    manager,
    `SELECT id, ${column.encrypted} AS value FROM ${column.table} WHERE ${column.encrypted} IS NOT NULL`,
  );
  for (const row of rows) {
    // decrypt() fails on a value the old key did not write: the whole rotation rolls back, nothing half-done.
    const plain = from.decrypt(row.value);
    const hash = column.hash ? `, ${column.hash} = :hash` : '';
    await rawQuery(manager, `UPDATE ${column.table} SET ${column.encrypted} = :value${hash} WHERE id = :id`, {
      value: to.encrypt(plain),
      hash: column.hash ? to.hash(plain) : undefined,
      id: row.id,
    });
  }
  return rows.length;
}

/**
 * Likely duplicate pairs name their two people by resident-ID hash: each is moved to the new key's hash through
 * the (already rotated) members. A person merged away is in no household any more and keeps the old hash: that
 * pair's decision stays on record, under a hash no new entry matches.
 */
async function rehashDuplicatePairs(manager: EntityManager, from: PiiCipher, to: PiiCipher): Promise<void> {
  const pairs = await rawQuery<{ id: string; person_a_hash: string; person_b_hash: string }>(
    manager,
    'SELECT id, person_a_hash, person_b_hash FROM duplicate_pair',
  );
  if (pairs.length === 0) return;
  const members = await rawQuery<{ id_enc: string }>(manager, 'SELECT id_enc FROM household_member');
  const next = new Map<string, string>();
  for (const member of members) {
    const plain = to.decrypt(member.id_enc);
    next.set(from.hash(plain), to.hash(plain));
  }
  for (const pair of pairs) {
    const a = next.get(pair.person_a_hash) ?? pair.person_a_hash;
    const b = next.get(pair.person_b_hash) ?? pair.person_b_hash;
    await rawQuery(
      manager,
      'UPDATE duplicate_pair SET person_a_hash = :a, person_b_hash = :b, pair_key = :key WHERE id = :id',
      { a, b, key: a < b ? `${a}:${b}` : `${b}:${a}`, id: pair.id },
    );
  }
}

async function rekeyCheckpoints(
  manager: EntityManager,
  from: AuditCheckpointKey,
  to: AuditCheckpointKey,
): Promise<number> {
  const rows = await rawQuery<{ id: number; seal_index: number; head_hash: string; mac: string }>(
    manager,
    'SELECT id, seal_index, head_hash, mac FROM audit_checkpoint',
  );
  for (const row of rows) {
    const checkpoint = { entries: Number(row.seal_index), head: row.head_hash, mac: row.mac };
    if (!from.verify(checkpoint))
      throw new Error(`audit checkpoint ${row.id} does not verify with the old key: rotation stopped`);
    await rawQuery(manager, 'UPDATE audit_checkpoint SET mac = :mac WHERE id = :id', {
      mac: to.mac(checkpoint.entries, checkpoint.head),
      id: row.id,
    });
  }
  return rows.length;
}
