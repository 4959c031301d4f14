import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { Actor } from '../../common/policy/actor';
import { Clock } from '../../common/time/business-clock';
import { TransactionRunner } from '../../database/transaction-runner';
import { NotificationQueryDto } from './dtos/notification.dto';
import { NotificationEntity } from './entities/notification.entity';
import { notificationTarget } from './notification-target';
import { NotificationsRepository } from './notifications.repository';
import { NotificationErrors } from './notifications.errors';
import { notificationView } from './notification.view';

/** A notification row as the dispatch hands it over. */
export type Notification = NotificationEntity;

/** The notifications module's gateway: a person's inbox, and the notices the daily dispatch sends. */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly notifications: NotificationsRepository,
    private readonly transactions: TransactionRunner,
    private readonly clock: Clock,
  ) {}

  /** One notice per person for a cycle date, counting their tasks; the dedupe key makes re-runs silent. */
  static dispatchNotices(date: string, counts: Map<string, number>, now: Date): Notification[] {
    return [...counts].map(([userId, count]) =>
      Object.assign(new NotificationEntity(), {
        id: randomUUID(),
        userId,
        kind: 'dispatch',
        title: `${date} 日调度`,
        body: `您有 ${count} 项调度任务，请在明日前办理并反馈。`,
        taskId: null,
        dedupeKey: `dispatch:${date}`,
        createdAt: now,
        readAt: null,
      }),
    );
  }

  /** A notice of another kind (the dispatch's escalations), as a row for `insert`. */
  static build(fields: Notification): Notification {
    return Object.assign(new NotificationEntity(), fields);
  }

  /** Inside the caller's transaction; a row whose (user, dedupe key) exists already is skipped. */
  insert(manager: EntityManager, notifications: Notification[]): Promise<void> {
    return this.notifications.insert(manager, notifications);
  }

  /** The actor's own notifications, newest first, each with a link to what it is about. */
  async list(actor: Actor, query: NotificationQueryDto) {
    const [rows, total] = await this.notifications.notifications(
      actor.id,
      query.unread === true,
      query.page,
      query.pageSize,
    );
    const targets = rows.map((n) => notificationTarget(n.kind, n.dedupeKey));
    const visitHouseholds = await this.notifications.visitHouseholds(
      targets.filter((target) => target?.type === 'visit').map((target) => target!.id),
    );
    const link = (target: ReturnType<typeof notificationTarget>) => {
      if (target?.type !== 'visit') return target;
      const householdId = visitHouseholds.get(target.id);
      return householdId ? { type: 'household', id: householdId } : null;
    };
    return {
      items: rows.map((n, i) => notificationView(n, link(targets[i]))),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  async markRead(actor: Actor, id?: string): Promise<{ marked: number }> {
    const marked = await this.transactions.run((manager) =>
      this.notifications.markRead(manager, actor.id, this.clock.now(), id),
    );
    if (id && marked === 0 && !(await this.notifications.hasNotification(actor.id, id))) {
      throw NotificationErrors.notFound();
    }
    return { marked };
  }
}
