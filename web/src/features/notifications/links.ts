import type { Role } from '../../app/roles';
import { mayOpen } from '../../app/roles';
import type { Notification } from './api';

/** The console page of a notification's record, if there is one and the role may open it. */
export function notificationLink(target: Notification['target'], role: Role): string | null {
  if (!target) return null;
  const path =
    target.type === 'approval'
      ? '/approvals'
      : target.type === 'problem'
        ? `/problems/${target.id}`
        : target.type === 'household'
          ? `/households/${target.id}`
          : target.type === 'dispatch'
            ? '/tasks'
            : null;
  if (!path || !mayOpen(role, path)) return null;
  // A dispatch notice is about that day's tasks, done or not.
  return target.type === 'dispatch' ? `/tasks?date=${encodeURIComponent(target.id)}&status=all` : path;
}
