import { NotificationView } from './dtos/notification.dto';
import { NotificationEntity } from './entities/notification.entity';

/** A notification with the link to what it is about (`target`, null when there is none to show). */
export function notificationView(
  notification: NotificationEntity,
  target: { type: string; id: string } | null,
): NotificationView {
  return {
    id: notification.id,
    kind: notification.kind,
    title: notification.title,
    body: notification.body,
    taskId: notification.taskId,
    target,
    createdAt: notification.createdAt.toISOString(),
    readAt: notification.readAt?.toISOString() ?? null,
  };
}
