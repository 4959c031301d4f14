/** What a pull's cursor carries: the change stamp it was read at, when, and for whom. */
export interface SyncCursor {
  /** Change stamp (see migrations/1765000000000-sync.ts): every row stamped above it is newer. */
  seq: string;
  /** When it was issued (ms since epoch): a cursor older than the removals kept is answered with a reset. */
  issuedAt: number;
  /** The user it was issued to: another user's cursor is answered with a reset. */
  userId: string;
}

const VERSION = 1;

/** Opaque to the phone: base64url of a small JSON. */
export function encodeCursor(cursor: SyncCursor): string {
  const json = JSON.stringify({ v: VERSION, s: cursor.seq, t: cursor.issuedAt, u: cursor.userId });
  return Buffer.from(json, 'utf8').toString('base64url');
}

/** The cursor, or null when it is not one of ours (the caller answers with a reset, not an error). */
export function decodeCursor(text: string | undefined): SyncCursor | null {
  if (!text || text.length > 500 || !/^[A-Za-z0-9_-]+$/.test(text)) return null;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const { v, s, t, u } = value as Record<string, unknown>;
  if (v !== VERSION || typeof s !== 'string' || !/^\d{1,19}$/.test(s)) return null;
  if (typeof t !== 'number' || !Number.isSafeInteger(t) || t < 0) return null;
  if (typeof u !== 'string' || u.length === 0 || u.length > 36) return null;
  return { seq: s, issuedAt: t, userId: u };
}
