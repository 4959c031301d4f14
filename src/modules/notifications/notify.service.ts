import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Clock } from '../../common/time/business-clock';
import { TransactionRunner } from '../../database/transaction-runner';
import { NotifyEvent } from '../../jobs/job-catalogue';
import { PROBLEM_CATEGORY_LABELS, SEVERITIES, Severity } from '../problems/problem-states';
import { STAGE_LABELS, Stage } from '../households/household-stages';
import { UserDirectory } from '../users/user-directory';
import { NotificationEntity } from './entities/notification.entity';
import { NotificationsRepository } from './notifications.repository';

type ProblemCategory = keyof typeof PROBLEM_CATEGORY_LABELS;

interface Message {
  recipients: string[];
  title: string;
  body: string;
}

/** Turns an event from the outbox into notifications; the per-user dedupe key makes a redelivery silent. */
@Injectable()
export class NotifyService {
  constructor(
    private readonly notifications: NotificationsRepository,
    private readonly users: UserDirectory,
    private readonly transactions: TransactionRunner,
    private readonly clock: Clock,
  ) {}

  async notify(event: NotifyEvent, id: string, ref?: string): Promise<number> {
    const message = await this.message(event, id);
    if (!message || message.recipients.length === 0) return 0;
    const now = this.clock.now();
    const dedupeKey = [event, id, ref].filter(Boolean).join(':');
    const rows = [...new Set(message.recipients)].map((userId) =>
      Object.assign(new NotificationEntity(), {
        id: randomUUID(),
        userId,
        kind: event,
        title: message.title,
        body: message.body,
        taskId: null,
        dedupeKey,
        createdAt: now,
        readAt: null,
      }),
    );
    await this.transactions.run((manager) => this.notifications.insert(manager, rows));
    return rows.length;
  }

  private async message(event: NotifyEvent, id: string): Promise<Message | null> {
    if (event === 'approval_requested') {
      const a = await this.notifications.approval(id);
      if (!a || a.status !== 'pending') return null;
      const recipients =
        a.currentLevel === 'township'
          ? await this.users.activeIds('official', a.townshipId)
          : await this.users.activeIds('commander');
      const what =
        a.kind === 'intent_change'
          ? '安置意愿变更'
          : `进入"${STAGE_LABELS[a.toStage as Stage] ?? a.toStage}"`;
      return { recipients, title: '待审批', body: `${a.code} 申请${what}，请审批。` };
    }
    if (event === 'problem_assigned') {
      const p = await this.notifications.problem(id);
      if (!p?.unitId) return null;
      const recipients = p.ownerId ? [p.ownerId] : await this.users.activeIds('handler', p.unitId);
      return {
        recipients,
        title: '新交办问题',
        body: `交办${SEVERITIES[p.severity as Severity] ?? p.severity}问题（${PROBLEM_CATEGORY_LABELS[p.category as ProblemCategory] ?? p.category}），请按期办结并反馈。`,
      };
    }
    const v = await this.notifications.visit(id);
    if (!v) return null;
    const recipients = await this.users.activeIds('commander');
    const attitude = v.attitude === 'resistant' ? '（态度抵触）' : '';
    return {
      recipients,
      title: '走访反映急难愁盼',
      body: `${v.code}${attitude}：${v.concerns ?? '请关注该户思想动态'}`,
    };
  }
}
