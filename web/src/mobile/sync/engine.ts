import type { Client } from 'openapi-fetch';
import type { paths } from '../../api/schema';
import type { MobileDb } from '../data/db';
import { toRow } from '../data/rows';
import { markAttempt, markRejected, markSent, pendingItems, pruneSent } from '../data/outbox';
import type {
  IntentPayload,
  MobileNotification,
  Options,
  OutboxItem,
  ProblemPayload,
  SyncDelta,
  TaskPayload,
  TransitionPayload,
  VisitPayload,
} from '../data/types';
import { classifyStatus, errorOf, fallbackMessage } from './classify';

export type ApiClient = Client<paths>;

/** The largest batch POST /visits/sync takes. */
export const VISIT_BATCH = 500;

export interface PushReport {
  sent: number;
  rejected: number;
  /** Why the push stopped before the end: no network / server busy (`retry`) or the session ran out (`auth`). */
  stopped: null | 'retry' | 'auth';
  error?: string;
}

type Answer = { status: number; data: unknown; error: unknown; replayed?: boolean };

/** One request; a thrown fetch (no network, connection cut, a body that is not JSON) is answered as status 0. */
async function call(
  request: () => Promise<{ response: Response; data?: unknown; error?: unknown }>,
): Promise<Answer> {
  try {
    const result = await request();
    // A server that keeps Idempotency-Keys may say the answer is a replay of the first one (Stripe's header).
    const replayed = result.response.headers?.get('Idempotent-Replayed') === 'true';
    return { status: result.response.status, data: result.data, error: result.error, replayed };
  } catch {
    return { status: 0, data: undefined, error: undefined };
  }
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

/**
 * Sends what waits in the outbox, oldest first: visits in batches through /visits/sync (each carries its
 * clientId), then intents, problem reports, stage requests and task completions one by one with
 * `Idempotency-Key: <clientId>`.
 * An item leaves the outbox only when the server answered that it has it; a refusal keeps it, marked rejected.
 * Stops at the first transient failure or expired session: what is left stays pending, in order.
 */
export async function push(
  db: MobileDb,
  client: ApiClient,
  userId: string,
  now = () => new Date(),
): Promise<PushReport> {
  const report: PushReport = { sent: 0, rejected: 0, stopped: null };
  const items = await pendingItems(db, userId);
  const visits = items.filter((item): item is OutboxItem<'visit'> => item.kind === 'visit');
  const others = items.filter((item) => item.kind !== 'visit');

  for (let start = 0; start < visits.length; start += VISIT_BATCH) {
    const batch = visits.slice(start, start + VISIT_BATCH);
    const answer = await call(() =>
      client.POST('/api/v1/visits/sync', {
        body: { visits: batch.map((item) => ({ clientId: item.clientId, ...item.payload })) },
      }),
    );
    const verdict = classifyStatus(answer.status);
    const results = isObject(answer.data) && Array.isArray(answer.data.results) ? answer.data.results : null;
    if (verdict === 'auth') return { ...report, stopped: 'auth', error: fallbackMessage(401) };
    if (verdict === 'retry' || (verdict === 'ok' && !results)) {
      const message = errorOf(answer.status, answer.error).message;
      for (const item of batch) await markAttempt(db, item, message, now());
      return { ...report, stopped: 'retry', error: message };
    }
    if (verdict === 'rejected') {
      // The request as a whole was refused (e.g. 403: this account may not record visits): every item shows why.
      const error = errorOf(answer.status, answer.error);
      for (const item of batch)
        await markRejected(db, item.clientId, { status: answer.status, ...error }, now());
      report.rejected += batch.length;
      continue;
    }
    const byClientId = new Map<string, Record<string, unknown>>();
    for (const result of results ?? []) if (isObject(result)) byClientId.set(String(result.clientId), result);
    for (const item of batch) {
      const result = byClientId.get(item.clientId);
      if (result?.status === 'created' || result?.status === 'duplicate') {
        await markSent(
          db,
          item,
          result.status,
          typeof result.visitId === 'string' ? result.visitId : null,
          now(),
        );
        report.sent++;
      } else if (result?.status === 'rejected') {
        await markRejected(db, item.clientId, { status: null, ...errorOf(422, result.error) }, now());
        report.rejected++;
      } else {
        await markAttempt(db, item, '服务器未返回这条记录的结果', now());
      }
    }
  }

  for (const item of others) {
    const answer = await call(() => sendOne(client, item));
    const verdict = classifyStatus(answer.status);
    const serverId = idOf(answer.data);
    if (verdict === 'auth') return { ...report, stopped: 'auth', error: fallbackMessage(401) };
    if (verdict === 'retry' || (verdict === 'ok' && serverId === undefined)) {
      const message = errorOf(answer.status, answer.error).message;
      await markAttempt(db, item, message, now());
      return { ...report, stopped: 'retry', error: message };
    }
    if (verdict === 'rejected') {
      await markRejected(
        db,
        item.clientId,
        { status: answer.status, ...errorOf(answer.status, answer.error) },
        now(),
      );
      report.rejected++;
      continue;
    }
    await markSent(db, item, answer.replayed ? 'duplicate' : 'created', serverId ?? null, now());
    report.sent++;
  }
  await pruneSent(db, now());
  return report;
}

/** The id of what the server stored: the record's own, or the approval a stage request opened. */
function idOf(data: unknown): string | null | undefined {
  if (!isObject(data)) return undefined; // not JSON: a proxy's page, not the server's answer
  if (typeof data.id === 'string') return data.id;
  if (isObject(data.approval) && typeof data.approval.id === 'string') return data.approval.id;
  return null;
}

function sendOne(client: ApiClient, item: OutboxItem) {
  const headers = { 'Idempotency-Key': item.clientId };
  switch (item.kind) {
    case 'intent': {
      const { householdId, ...body } = item.payload as IntentPayload;
      return client.POST('/api/v1/households/{id}/intent', {
        params: { path: { id: householdId } },
        body,
        headers,
      });
    }
    case 'problem':
      return client.POST('/api/v1/problems', { body: item.payload as ProblemPayload, headers });
    case 'transition': {
      const { householdId, ...body } = item.payload as TransitionPayload;
      return client.POST('/api/v1/households/{id}/transitions', {
        params: { path: { id: householdId } },
        body,
        headers,
      });
    }
    case 'task': {
      const { taskId, note } = item.payload as TaskPayload;
      return client.POST('/api/v1/tasks/{id}/complete', {
        params: { path: { id: taskId } },
        body: note ? { note } : {},
        headers,
      });
    }
    case 'visit': {
      const { householdId, ...body } = item.payload as VisitPayload;
      return client.POST('/api/v1/households/{id}/visits', {
        params: { path: { id: householdId } },
        body: { ...body, clientId: item.clientId },
      });
    }
  }
}

export type PullResult =
  | { status: 'ok'; reset: boolean; changed: number }
  | { status: 'retry' | 'auth' | 'rejected'; error: string };

function isDelta(data: unknown): data is SyncDelta {
  return (
    isObject(data) &&
    typeof data.cursor === 'string' &&
    Array.isArray(data.households) &&
    Array.isArray(data.removedHouseholdIds) &&
    Array.isArray(data.tasks) &&
    Array.isArray(data.removedTaskIds)
  );
}

/** Fetches what changed for this cadre since the phone's cursor, and applies it. */
export async function pull(db: MobileDb, client: ApiClient): Promise<PullResult> {
  const since = await db.getMeta<string>('cursor');
  const answer = await call(() =>
    client.GET('/api/v1/sync/pull', { params: { query: since ? { since } : {} } }),
  );
  const verdict = classifyStatus(answer.status);
  if (verdict === 'ok' && isDelta(answer.data)) {
    await applyDelta(db, answer.data);
    return { status: 'ok', reset: answer.data.reset, changed: answer.data.households.length };
  }
  const status = verdict === 'ok' ? 'retry' : verdict;
  return { status, error: errorOf(answer.status, answer.error).message };
}

/**
 * Applies a delta in one transaction: on `reset` the phone's copy is replaced (households and tasks), otherwise
 * changed rows are written over and removed ones (reassigned to someone else, closed) dropped; the cursor moves
 * only with the data it belongs to.
 */
export async function applyDelta(db: MobileDb, delta: SyncDelta): Promise<void> {
  await db.transaction('rw', [db.households, db.rows, db.tasks, db.meta], async () => {
    if (delta.reset) {
      await db.households.clear();
      await db.rows.clear();
      await db.tasks.clear();
    } else {
      await db.households.bulkDelete(delta.removedHouseholdIds);
      await db.rows.bulkDelete(delta.removedHouseholdIds);
      await db.tasks.bulkDelete(delta.removedTaskIds);
      if (delta.removedHouseholdIds.length > 0)
        await db.tasks.where('householdId').anyOf(delta.removedHouseholdIds).delete();
    }
    await db.households.bulkPut(delta.households);
    await db.rows.bulkPut(delta.households.map(toRow));
    await db.tasks.bulkPut(delta.tasks);
    await db.setMeta('cursor', delta.cursor);
    await db.setMeta('lastPullAt', delta.serverTime);
  });
}

/** Option lists and notifications, while online: kept on the phone for the next time there is no signal. */
export async function refreshReference(db: MobileDb, client: ApiClient): Promise<'ok' | 'auth' | 'retry'> {
  const options = await call(() => client.GET('/api/v1/options'));
  if (classifyStatus(options.status) === 'auth') return 'auth';
  if (classifyStatus(options.status) === 'ok' && isObject(options.data))
    await db.setMeta('options', options.data as unknown as Options);
  const notes = await call(() =>
    client.GET('/api/v1/notifications', { params: { query: { pageSize: 50 } } }),
  );
  if (classifyStatus(notes.status) === 'auth') return 'auth';
  if (classifyStatus(notes.status) !== 'ok' || !isObject(notes.data) || !Array.isArray(notes.data.items))
    return 'retry';
  const items = notes.data.items as MobileNotification[];
  await db.transaction('rw', db.notifications, async () => {
    await db.notifications.clear();
    await db.notifications.bulkPut(items);
  });
  return 'ok';
}

export interface SyncReport {
  push: PushReport;
  pull: PullResult | null;
  /** The session ran out somewhere along the way. */
  authRequired: boolean;
  /** Everything went through: outbox tried, delta applied. */
  complete: boolean;
}

/** One full round: send the outbox first (so the pull already reflects it), then pull, then the reference data. */
export async function syncOnce(
  db: MobileDb,
  client: ApiClient,
  userId: string,
  now = () => new Date(),
): Promise<SyncReport> {
  const pushed = await push(db, client, userId, now);
  if (pushed.stopped === 'auth')
    return finish(db, { push: pushed, pull: null, authRequired: true, complete: false }, now);
  if (pushed.stopped === 'retry')
    return finish(db, { push: pushed, pull: null, authRequired: false, complete: false }, now);
  const pulled = await pull(db, client);
  if (pulled.status === 'auth')
    return finish(db, { push: pushed, pull: pulled, authRequired: true, complete: false }, now);
  // Option lists and notifications come from their own endpoints: worth keeping even when the delta failed.
  const reference = await refreshReference(db, client);
  return finish(
    db,
    { push: pushed, pull: pulled, authRequired: reference === 'auth', complete: pulled.status === 'ok' },
    now,
  );
}

async function finish(db: MobileDb, report: SyncReport, now: () => Date): Promise<SyncReport> {
  if (report.authRequired) await db.setMeta('needsLogin', true);
  if (report.complete) {
    await db.setMeta('lastSyncAt', now().toISOString());
    await db.setMeta('lastSyncError', null);
  } else if (!report.authRequired) {
    const error =
      report.push.error ??
      (report.pull && report.pull.status !== 'ok' ? report.pull.error : undefined) ??
      null;
    await db.setMeta('lastSyncError', error);
  }
  return report;
}
