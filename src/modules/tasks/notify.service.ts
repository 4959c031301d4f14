import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Clock } from '../../common/time/business-clock';
import { rawQuery } from '../../database/raw-query';
import { TransactionRunner } from '../../database/transaction-runner';
import { NotifyEvent } from '../../jobs/job-catalogue';
import { PROBLEM_CATEGORY_LABELS, SEVERITIES, Severity } from '../problems/problem-states';
import { STAGE_LABELS, Stage } from '../households/household-stages';

type ProblemCategory = keyof typeof PROBLEM_CATEGORY_LABELS;
import { NotificationEntity } from './entities/notification.entity';
import { TasksRepository } from './tasks.repository';

interface Message {
  recipients: string[];
  title: string;
  body: string;
}

/** Turns an event from the outbox into notifications; the per-user dedupe key makes a redelivery silent. */
@Injectable()
export class NotifyService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tasks: TasksRepository,
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
    await this.transactions.run((manager) => this.tasks.notify(manager, rows));
    return rows.length;
  }

  private users(where: string, params: Record<string, unknown>): Promise<string[]> {
    return rawQuery<{ id: string }>(
      this.dataSource.manager,
      `SELECT id FROM app_user WHERE active = :active AND ${where}`,
      {
        active: true,
        ...params,
      },
    ).then((rows) => rows.map((r) => r.id));
  }

  private async message(event: NotifyEvent, id: string): Promise<Message | null> {
    const m = this.dataSource.manager;
    if (event === 'approval_requested') {
      const [a] = await rawQuery(
        m,
        `SELECT a.status, a.current_level, a.township_id, a.to_stage, a.kind, h.code
           FROM approval a JOIN household h ON h.id = a.household_id WHERE a.id = :id`,
        { id },
      );
      if (!a || a.status !== 'pending') return null;
      const recipients =
        a.current_level === 'township'
          ? await this.users("role = 'official' AND org_unit_id = :township", { township: a.township_id })
          : await this.users("role = 'commander'", {});
      const what =
        a.kind === 'intent_change'
          ? '安置意愿变更'
          : `进入"${STAGE_LABELS[a.to_stage as Stage] ?? a.to_stage}"`;
      return { recipients, title: '待审批', body: `${a.code} 申请${what}，请审批。` };
    }
    if (event === 'problem_assigned') {
      const [p] = await rawQuery(
        m,
        `SELECT p.unit_id, p.owner_id, p.severity, p.category, p.due_at FROM problem p WHERE p.id = :id`,
        { id },
      );
      if (!p?.unit_id) return null;
      const recipients = p.owner_id
        ? [p.owner_id as string]
        : await this.users("role = 'handler' AND org_unit_id = :unit", { unit: p.unit_id });
      return {
        recipients,
        title: '新交办问题',
        body: `交办${SEVERITIES[p.severity as Severity] ?? p.severity}问题（${PROBLEM_CATEGORY_LABELS[p.category as ProblemCategory] ?? p.category}），请按期办结并反馈。`,
      };
    }
    const [v] = await rawQuery(
      m,
      `SELECT v.concerns, v.attitude, h.code FROM visit v JOIN household h ON h.id = v.household_id WHERE v.id = :id`,
      { id },
    );
    if (!v) return null;
    const recipients = await this.users("role = 'commander'", {});
    const attitude = v.attitude === 'resistant' ? '（态度抵触）' : '';
    return {
      recipients,
      title: '走访反映急难愁盼',
      body: `${v.code}${attitude}：${v.concerns ?? '请关注该户思想动态'}`,
    };
  }
}
