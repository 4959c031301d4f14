import type { MobileDb } from './db';
import type { OutboxItem, OutboxKind, PayloadOf, SentItem } from './types';

/** A fresh clientId: unique per phone and item, within the server's pattern (letters, digits, `-`, ≤ 64). */
export function newClientId(): string {
  return `m-${crypto.randomUUID()}`;
}

export interface NewItem<K extends OutboxKind> {
  kind: K;
  userId: string;
  householdLabel: string;
  payload: PayloadOf[K];
}

/** Records an item in the outbox: from here on it is the phone's to deliver, exactly once. */
export async function enqueue<K extends OutboxKind>(
  db: MobileDb,
  item: NewItem<K>,
  now = new Date(),
): Promise<OutboxItem<K>> {
  return db.transaction('rw', db.outbox, async () => {
    // Strictly increasing createdAt: the outbox goes out in the order it was recorded, even within a millisecond.
    const last = await db.outbox.orderBy('createdAt').last();
    const at = last && last.createdAt >= now.toISOString() ? new Date(Date.parse(last.createdAt) + 1) : now;
    const stored: OutboxItem<K> = {
      clientId: newClientId(),
      kind: item.kind,
      userId: item.userId,
      householdId: (item.payload as { householdId?: string }).householdId ?? null,
      householdLabel: item.householdLabel,
      payload: item.payload,
      status: 'pending',
      createdAt: at.toISOString(),
      attempts: 0,
    };
    await db.outbox.add(stored as OutboxItem);
    return stored;
  });
}

/** What is still to go, oldest first (the order the cadre recorded it). */
export async function pendingItems(db: MobileDb, userId: string): Promise<OutboxItem[]> {
  const items = await db.outbox.where('status').equals('pending').sortBy('createdAt');
  return items.filter((item) => item.userId === userId);
}

/** The server has it (created now or found as a resend): out of the outbox, into the sent log, atomically. */
export async function markSent(
  db: MobileDb,
  item: OutboxItem,
  outcome: SentItem['outcome'],
  serverId: string | null,
  now = new Date(),
): Promise<void> {
  await db.transaction('rw', db.outbox, db.sent, async () => {
    await db.outbox.delete(item.clientId);
    await db.sent.put({
      clientId: item.clientId,
      kind: item.kind,
      householdLabel: item.householdLabel,
      serverId,
      outcome,
      sentAt: now.toISOString(),
    });
  });
}

/** The server refused it for a business reason: it stays on the phone, shown with the server's message. */
export async function markRejected(
  db: MobileDb,
  clientId: string,
  rejection: {
    status: number | null;
    code: string;
    message: string;
    details?: { field: string; message: string }[];
  },
  now = new Date(),
): Promise<void> {
  await db.outbox.update(clientId, {
    status: 'rejected',
    rejection: { ...rejection, at: now.toISOString() },
    lastAttemptAt: now.toISOString(),
    lastError: undefined,
  });
}

/** A transient failure (no network, 5xx, 429): still pending, tried again later. */
export async function markAttempt(
  db: MobileDb,
  item: OutboxItem,
  error: string,
  now = new Date(),
): Promise<void> {
  await db.outbox.update(item.clientId, {
    attempts: item.attempts + 1,
    lastAttemptAt: now.toISOString(),
    lastError: error,
  });
}

/** The cadre gives up a rejected item on purpose (never done by the app on its own). */
export async function discard(db: MobileDb, clientId: string): Promise<void> {
  await db.outbox.delete(clientId);
}

/**
 * A corrected rejected item goes out again under a new clientId: the server refused the old one, so it
 * stored nothing under it, and a new key keeps the corrected content from looking like "other content, same key".
 */
export async function resend<K extends OutboxKind>(
  db: MobileDb,
  clientId: string,
  payload: PayloadOf[K],
  now = new Date(),
): Promise<OutboxItem<K>> {
  return db.transaction('rw', db.outbox, async () => {
    const old = (await db.outbox.get(clientId)) as OutboxItem<K> | undefined;
    if (!old) throw new Error('这条记录已不在待同步列表中');
    await db.outbox.delete(clientId);
    const fresh: OutboxItem<K> = {
      ...old,
      clientId: newClientId(),
      householdId: (payload as { householdId?: string }).householdId ?? old.householdId,
      payload,
      status: 'pending',
      createdAt: now.toISOString(),
      attempts: 0,
      lastAttemptAt: undefined,
      lastError: undefined,
      rejection: undefined,
    };
    await db.outbox.add(fresh as OutboxItem);
    return fresh;
  });
}

/** Keeps the sent log short: a week is plenty to answer "did that go out?". */
export async function pruneSent(db: MobileDb, now = new Date(), keepDays = 7): Promise<void> {
  const before = new Date(now.getTime() - keepDays * 86_400_000).toISOString();
  await db.sent.where('sentAt').below(before).delete();
}
