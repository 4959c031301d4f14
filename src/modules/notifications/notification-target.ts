import { NOTIFY_EVENTS, NotifyEvent } from '../../jobs/job-catalogue';

/** The kind of record a notification is about; a visit is shown through its household. */
export const NOTIFICATION_TARGET_TYPES = ['approval', 'problem', 'visit', 'dispatch'] as const;
export type NotificationTargetType = (typeof NOTIFICATION_TARGET_TYPES)[number];

const EVENT_TARGETS: Record<NotifyEvent, NotificationTargetType> = {
  approval_requested: 'approval',
  problem_assigned: 'problem',
  visit_concern: 'visit',
};

/**
 * The record a notification is about, read back from its dedupe key: `event:id[:ref]` (notify.service) or
 * `dispatch:date` (dispatch.service), `escalation:date` (escalation.service). Null for a key of any other shape.
 */
export function notificationTarget(
  kind: string,
  dedupeKey: string,
): { type: NotificationTargetType; id: string } | null {
  const [prefix, id] = dedupeKey.split(':');
  if (prefix !== kind || !id) return null;
  // An escalation notice is about a day's dispatch, like the dispatch's own.
  if (kind === 'dispatch' || kind === 'escalation') return { type: 'dispatch', id };
  return (NOTIFY_EVENTS as readonly string[]).includes(kind)
    ? { type: EVENT_TARGETS[kind as NotifyEvent], id }
    : null;
}
