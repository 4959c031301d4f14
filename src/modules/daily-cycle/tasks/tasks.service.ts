import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../../config/app-config';
import { Page } from '../../../common/http/pagination';
import { AccessPolicy } from '../../../common/policy/access-policy';
import { Actor } from '../../../common/policy/actor';
import { businessDate, Clock, isValidDateString } from '../../../common/time/business-clock';
import { TransactionRunner } from '../../../database/transaction-runner';
import { AuditService } from '../../audit/audit.service';
import { OrgNamesService } from '../reports/org-names.service';
import { ReportErrors } from '../reports/reports.errors';
import { CompleteTaskDto, TaskQueryDto, TaskView } from './dtos/task.dto';
import { TaskEntity } from './entities/task.entity';
import { TasksRepository } from './tasks.repository';
import { TaskErrors } from './tasks.errors';
import { taskView } from './task.view';
import { EscalationRepository } from './escalation.repository';
import { CHAIN_ROLE_LABELS, ChainRole } from '../../responsibility/responsibility-roles';

@Injectable()
export class TasksService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly tasks: TasksRepository,
    private readonly names: OrgNamesService,
    private readonly chains: EscalationRepository,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  private today(): string {
    return businessDate(this.clock.now(), this.config.businessTimeZone);
  }

  async list(actor: Actor, query: TaskQueryDto): Promise<Page<TaskView>> {
    const [rows, total] = await this.tasks.list(
      AccessPolicy.taskScope(actor),
      query,
      query.page,
      query.pageSize,
    );
    const today = this.today();
    return { items: rows.map((t) => taskView(t, today)), total, page: query.page, pageSize: query.pageSize };
  }

  async complete(actor: Actor, id: string, dto: CompleteTaskDto): Promise<TaskView> {
    return this.transactions.run(async (manager) => {
      const task = await this.tasks
        .scoped(AccessPolicy.taskScope(actor), manager)
        .andWhere('t.id = :id', { id })
        .getOne();
      if (!task) throw TaskErrors.notFound();
      if (task.status !== 'open') throw TaskErrors.notOpen();
      const fields = {
        status: 'done' as const,
        note: dto.note ?? null,
        completedAt: this.clock.now(),
        completedBy: actor.id,
      };
      if (!(await this.tasks.complete(manager, task, fields))) throw TaskErrors.notOpen();
      Object.assign(task, fields);
      await this.audit.record(manager, actor, {
        action: 'task_complete',
        entityType: 'task',
        entityId: id,
        householdId: task.householdId,
        before: { status: 'open' },
        after: { status: 'done', note: task.note },
      });
      return taskView(task, this.today());
    });
  }

  /** The dispatch sheet: tasks issued for the date, grouped by assignee, with what each carries over. */
  async sheet(date: string) {
    if (!isValidDateString(date)) throw ReportErrors.badDate();
    const [issued, carried, chains] = await Promise.all([
      this.tasks.forDate(date),
      this.tasks.carriedOver(date),
      this.chains.chainsOn(date),
    ]);
    const chainIds = [...chains.values()].flatMap((c) => [c.cadreId, c.villageLeaderId, c.taskForceLeaderId]);
    const names = await this.names.load([
      ...new Set(
        [...issued.map((t) => t.assigneeUserId), ...carried.map((t) => t.assigneeUserId), ...chainIds].filter(
          (id): id is string => !!id,
        ),
      ),
    ]);
    const link = (role: ChainRole, id: string | null) => ({
      role,
      label: CHAIN_ROLE_LABELS[role],
      userId: id,
      name: id ? names.cadreName(id) : null,
    });
    const withChain = (view: TaskView): TaskView => {
      const chain = chains.get(view.id);
      if (!chain) return view;
      view.chain = [
        link('cadre', chain.cadreId),
        link('village_leader', chain.villageLeaderId),
        link('task_force_leader', chain.taskForceLeaderId),
      ];
      return view;
    };
    const key = (t: TaskEntity) =>
      `${t.assigneeUserId ?? ''}|${t.assigneeUnitId ?? ''}|${t.assigneeLevel ?? ''}`;
    const groups = new Map<
      string,
      { assignee: Record<string, unknown>; tasks: TaskView[]; carriedOver: number; carriedOverdue: number }
    >();
    const group = (t: TaskEntity) => {
      let g = groups.get(key(t));
      if (!g) {
        const name = t.assigneeUserId
          ? names.cadreName(t.assigneeUserId)
          : t.assigneeUnitId
            ? names.unitName(t.assigneeUnitId)
            : '指挥部';
        g = {
          assignee: { userId: t.assigneeUserId, unitId: t.assigneeUnitId, level: t.assigneeLevel, name },
          tasks: [],
          carriedOver: 0,
          carriedOverdue: 0,
        };
        groups.set(key(t), g);
      }
      return g;
    };
    for (const t of issued) group(t).tasks.push(withChain(taskView(t, date)));
    for (const t of carried) {
      const g = group(t);
      g.carriedOver += 1;
      // Due by the next day's dispatch: still open at the cycle of its due date means overdue.
      if (t.dueDate <= date) g.carriedOverdue += 1;
    }
    return {
      date,
      issued: issued.length,
      carriedOver: carried.length,
      assignees: [...groups.values()].sort((a, b) =>
        String(a.assignee.name).localeCompare(String(b.assignee.name), 'zh-Hans-CN'),
      ),
    };
  }
}
