import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { addDays, Clock, isValidDateString } from '../../../common/time/business-clock';
import { TransactionRunner } from '../../../database/transaction-runner';
import { ReportErrors } from '../reports/reports.errors';
import { SupervisionRepository } from '../supervision/supervision.repository';
import { SupervisionService } from '../supervision/supervision.service';
import { UserDirectory } from '../../users/user-directory';
import { Notification, NotificationsService } from '../../notifications/notifications.service';
import { TaskEntity, TaskKind } from './entities/task.entity';
import { TasksRepository } from './tasks.repository';
import { EscalationService } from './escalation.service';

type Draft = Pick<
  TaskEntity,
  | 'kind'
  | 'targetType'
  | 'targetId'
  | 'householdId'
  | 'assigneeUserId'
  | 'assigneeUnitId'
  | 'assigneeLevel'
  | 'instruction'
>;

const EVERYTHING = 1_000_000_000;
const SLICE = 5000;

/** 日调度: the review's overdue and stalled lists become tasks, at most one per date and target. */
@Injectable()
export class DispatchService {
  constructor(
    private readonly tasks: TasksRepository,
    private readonly supervision: SupervisionService,
    private readonly lists: SupervisionRepository,
    private readonly users: UserDirectory,
    private readonly notices: NotificationsService,
    private readonly escalation: EscalationService,
    private readonly transactions: TransactionRunner,
    private readonly clock: Clock,
  ) {}

  async run(date: string): Promise<{
    status: 'done' | 'skipped';
    created: number;
    carriedOver: number;
    notified: number;
    escalated: number;
    escalationsNotified: number;
  }> {
    if (!isValidDateString(date)) throw ReportErrors.badDate();
    const now = this.clock.now();
    const t = this.supervision.thresholds(now);
    const [visits, problems, approvals, open, existing] = await Promise.all([
      this.lists.overdueVisits(t, EVERYTHING),
      this.lists.overdueProblems(t, EVERYTHING),
      this.lists.agingApprovals(t, EVERYTHING),
      this.tasks.openTargetsBefore(date),
      this.tasks.issuedOn(date),
    ]);
    // Rows whose target already has a task are dropped before a draft is built: the day after a big
    // dispatch, nearly every overdue household carries over, and 70,000 drafts would be garbage at once.
    const already = new Set(existing.map((e) => `${e.targetType}:${e.targetId}`));
    let carriedOver = 0;
    const untasked = <R extends Record<string, unknown>>(type: Draft['targetType'], rows: R[]): R[] =>
      rows.filter((row) => {
        const key = `${type}:${String(row.id)}`;
        if (open.has(key)) carriedOver++;
        return !open.has(key) && !already.has(key);
      });
    const toCreate: Draft[] = [
      ...untasked('household', visits).map((r) =>
        r.cadre_id
          ? this.draft(
              'overdue_visit',
              'household',
              r.id,
              r.id,
              { user: r.cadre_id },
              `走访逾期：请尽快入户走访 ${r.code}（${r.head_name}）`,
            )
          : this.draft(
              'overdue_visit',
              'household',
              r.id,
              r.id,
              { level: 'command_centre' },
              `${r.code} 未分配包户干部且逾期未走访：请指定干部`,
            ),
      ),
      ...untasked('problem', problems).map((r) =>
        r.unit_id
          ? this.draft(
              'overdue_problem',
              'problem',
              r.id,
              r.household_id,
              { unit: r.unit_id },
              `问题超期未办结（${String(r.severity).toUpperCase()}）：请加快办理并反馈`,
            )
          : this.draft(
              'overdue_problem',
              'problem',
              r.id,
              r.household_id,
              { level: 'command_centre' },
              '问题超期且尚未交办：请交办责任单位',
            ),
      ),
      ...untasked('approval', approvals).map((r) =>
        r.current_level === 'township'
          ? this.draft(
              'pending_approval',
              'approval',
              r.id,
              r.household_id,
              { unit: r.township_id, level: 'township' },
              `${r.code} 的审批已积压：请乡镇尽快审批`,
            )
          : this.draft(
              'pending_approval',
              'approval',
              r.id,
              r.household_id,
              { level: 'command_centre' },
              `${r.code} 的审批已积压：请指挥部尽快审批`,
            ),
      ),
    ];
    const dueDate = addDays(date, 1);
    // Each field by name: `{ ...draft, id, … }` (spread, then more keys) cost ~5 KB of garbage and 15 µs per
    // task in V8, 350 MB and 1 s for a 72,000-task day (bench/README.md, "Daily cycle").
    const task = (d: Draft): TaskEntity => ({
      kind: d.kind,
      targetType: d.targetType,
      targetId: d.targetId,
      householdId: d.householdId,
      assigneeUserId: d.assigneeUserId,
      assigneeUnitId: d.assigneeUnitId,
      assigneeLevel: d.assigneeLevel,
      instruction: d.instruction,
      id: randomUUID(),
      cycleDate: date,
      dueDate,
      status: 'open',
      note: null,
      createdAt: now,
      completedAt: null,
      completedBy: null,
      version: 1,
      escalationLevel: 0,
      escalatedAt: null,
      escalatedTo: null,
    });
    const notifications = await this.notifications(date, [...existing, ...toCreate], now);
    await this.transactions.run(async (manager) => {
      // A slice at a time: a 70,000-task day never holds all its task rows at once.
      for (let i = 0; i < toCreate.length; i += SLICE) {
        await this.tasks.insertIgnoring(manager, toCreate.slice(i, i + SLICE).map(task));
      }
      await this.notices.insert(manager, notifications);
    });
    // Then the tasks still open too long climb their household's chain (once per level).
    const escalation = await this.escalation.run(date, now);
    return {
      status: toCreate.length || escalation.escalated ? 'done' : 'skipped',
      created: toCreate.length,
      carriedOver,
      notified: new Set(notifications.map((n) => n.userId)).size,
      escalated: escalation.escalated,
      escalationsNotified: escalation.notified,
    };
  }

  private draft(
    kind: TaskKind,
    targetType: Draft['targetType'],
    targetId: unknown,
    householdId: unknown,
    assignee: { user?: unknown; unit?: unknown; level?: string },
    instruction: string,
  ): Draft {
    return {
      kind,
      targetType,
      targetId: targetId as string,
      householdId: (householdId as string) ?? null,
      assigneeUserId: (assignee.user as string) ?? null,
      assigneeUnitId: (assignee.unit as string) ?? null,
      assigneeLevel: assignee.level ?? null,
      instruction,
    };
  }

  /** Who hears of these tasks, and how many each: the assignee, else the unit's or the level's people. */
  private async notifications(
    date: string,
    tasks: Pick<TaskEntity, 'assigneeUserId' | 'assigneeUnitId' | 'assigneeLevel'>[],
    now: Date,
  ): Promise<Notification[]> {
    const counts = new Map<string, number>();
    const add = (userId: string) => counts.set(userId, (counts.get(userId) ?? 0) + 1);
    const needsPeople = tasks.some((t) => !t.assigneeUserId);
    const people = needsPeople ? await this.users.recipients() : [];
    for (const task of tasks) {
      if (task.assigneeUserId) add(task.assigneeUserId);
      else if (task.assigneeUnitId) {
        const role = task.assigneeLevel === 'township' ? 'official' : 'handler';
        for (const p of people) if (p.role === role && p.orgUnitId === task.assigneeUnitId) add(p.id);
      } else for (const p of people) if (p.role === 'commander') add(p.id);
    }
    return NotificationsService.dispatchNotices(date, counts, now);
  }
}
