import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '../../../config/app-config';
import { addDays } from '../../../common/time/business-clock';
import { TransactionRunner } from '../../../database/transaction-runner';
import { Notification, NotificationsService } from '../../notifications/notifications.service';
import { EscalationRepository } from './escalation.repository';
import { escalationLadder, escalationLevel } from './escalation';

/** The highest level a task can reach: the village leader, then the task-force leader. */
const MAX_LEVEL = 2;
/** Household codes named in one notice. */
const CODES_SHOWN = 5;

/**
 * 超期升级 (docs/architecture.md, "Escalation"), a part of the daily dispatch: a task still open `ESCALATION_DAYS`
 * days past its due date is raised to the next person of its household's chain, again after as many more days,
 * each person told once per date with the list; the level is kept on the task, so a re-run raises nothing twice.
 */
@Injectable()
export class EscalationService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repository: EscalationRepository,
    private readonly notices: NotificationsService,
    private readonly transactions: TransactionRunner,
  ) {}

  async run(date: string, now: Date): Promise<{ escalated: number; notified: number }> {
    const every = this.config.escalationDays;
    // Level L is reached (L + 1) × ESCALATION_DAYS days past the due date.
    const dueBy = Array.from({ length: MAX_LEVEL }, (_, level) => addDays(date, -every * (level + 1)));
    const candidates = await this.repository.candidates(dueBy);
    /** `${level}|${person}` → the tasks raised to that person at that level. */
    const raises = new Map<string, { level: number; to: string; ids: string[] }>();
    /** person → the tasks newly raised to them (any level). */
    const told = new Map<string, { ids: string[]; codes: string[] }>();
    for (const task of candidates) {
      const ladder = escalationLadder(task.assigneeUserId, task);
      const level = escalationLevel(task, date, every, ladder.length);
      if (level <= task.level) continue;
      const to = ladder[level - 1];
      const key = `${level}|${to}`;
      const raise = raises.get(key) ?? { level, to, ids: [] };
      raise.ids.push(task.id);
      raises.set(key, raise);
      // Everyone passed on the way (a task first seen two levels late) hears of it, each once.
      for (const person of ladder.slice(task.level, level)) {
        const notice = told.get(person) ?? { ids: [], codes: [] };
        notice.ids.push(task.id);
        notice.codes.push(task.code);
        told.set(person, notice);
      }
    }
    if (raises.size === 0) return { escalated: 0, notified: 0 };
    let escalated = 0;
    await this.transactions.run(async (manager) => {
      for (const raise of raises.values())
        escalated += await this.repository.raise(manager, raise.ids, raise.level, raise.to, now);
      await this.notices.insert(manager, this.notifications(date, told, now));
    });
    return { escalated, notified: told.size };
  }

  private notifications(
    date: string,
    told: Map<string, { ids: string[]; codes: string[] }>,
    now: Date,
  ): Notification[] {
    return [...told].map(([userId, { ids, codes }]) =>
      NotificationsService.build({
        userId,
        kind: 'escalation',
        title: `${date} 超期任务升级督办`,
        body:
          `${ids.length} 项调度任务超期 ${this.config.escalationDays} 天以上未办结，已升级由您督促：` +
          `${codes.slice(0, CODES_SHOWN).join('、')}${codes.length > CODES_SHOWN ? ` 等 ${codes.length} 户` : ''}。`,
        taskId: ids.length === 1 ? ids[0] : null,
        dedupeKey: `escalation:${date}`,
        createdAt: now,
        id: randomUUID(),
        readAt: null,
      }),
    );
  }
}
