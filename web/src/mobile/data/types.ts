import type { Schemas } from '../../api/client';

/** One of the cadre's households as GET /api/v1/sync/pull sends it (the typed contract from the server). */
export type SyncHousehold = Schemas['SyncHouseholdDto'];
export type SyncTask = Schemas['SyncTaskDto'];

/**
 * What the household list shows of a household, in a table of its own: about a fifth of the full record (no
 * recent visits, problems, members), so the list reads 300 of them fast at start (see data/rows.ts).
 */
export type HouseholdRow = Pick<
  SyncHousehold,
  | 'id'
  | 'code'
  | 'headName'
  | 'villageId'
  | 'villageName'
  | 'group'
  | 'address'
  | 'stage'
  | 'onHold'
  | 'light'
  | 'lastVisitAt'
>;
export type MobileNotification = Schemas['NotificationView'];
export type Options = Schemas['OptionsDto'];
export type OptionList = Schemas['OptionDto'][];
export type SyncDelta = Schemas['SyncPullDto'];

export interface MobileUser {
  id: string;
  username: string;
  displayName: string;
  role: string;
}

export type OutboxKind = 'visit' | 'intent' | 'problem' | 'transition' | 'task';

/** What each kind of item sends: the API's own request bodies, plus the household it is about. */
export type VisitPayload = Omit<Schemas['SyncVisitDto'], 'clientId'>;
export type IntentPayload = Schemas['RecordIntentDto'] & { householdId: string };
export type ProblemPayload = Schemas['CreateProblemDto'];
export type TransitionPayload = Schemas['TransitionDto'] & { householdId: string };
/** A dispatched task marked done on the phone (POST /tasks/:id/complete), with the cadre's note. */
export type TaskPayload = Schemas['CompleteTaskDto'] & { taskId: string; householdId: string | null };

export interface PayloadOf {
  visit: VisitPayload;
  intent: IntentPayload;
  problem: ProblemPayload;
  transition: TransitionPayload;
  task: TaskPayload;
}

/** Why the server refused an item: its status and its own (Chinese) message. */
export interface Rejection {
  /** The HTTP status of a refused request; null when one item of a batch (/visits/sync) was refused. */
  status: number | null;
  code: string;
  message: string;
  details?: { field: string; message: string }[];
  at: string;
}

/**
 * Something recorded on the phone, waiting to reach the server. `clientId` is its identity on the server too
 * (the visit's clientId, the Idempotency-Key of the others): sending it twice stores it once.
 */
export interface OutboxItem<K extends OutboxKind = OutboxKind> {
  clientId: string;
  kind: K;
  userId: string;
  householdId: string | null;
  /** What the list shows: 户主 and 户编号, kept with the item because the household may leave the phone. */
  householdLabel: string;
  payload: PayloadOf[K];
  status: 'pending' | 'rejected';
  createdAt: string;
  attempts: number;
  lastAttemptAt?: string;
  /** The last transient failure (no network, 5xx, 429): the item stays pending. */
  lastError?: string;
  rejection?: Rejection;
}

/** What reached the server: kept a while so the sync screen can say what went out, and for the bookkeeping. */
export interface SentItem {
  clientId: string;
  kind: OutboxKind;
  householdLabel: string;
  serverId: string | null;
  outcome: 'created' | 'duplicate';
  sentAt: string;
}
