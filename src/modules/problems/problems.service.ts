import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { Page } from '../../common/http/pagination';
import { AccessPolicy } from '../../common/policy/access-policy';
import { Actor } from '../../common/policy/actor';
import { businessDate, Clock, HOUR_MS } from '../../common/time/business-clock';
import { TransactionRunner } from '../../database/transaction-runner';
import { JobName } from '../../jobs/job-catalogue';
import { OutboxService } from '../../jobs/outbox.service';
import { AuditService } from '../audit/audit.service';
import { HouseholdDerived } from '../households/household-derived.service';
import { OrgDirectory } from '../org/org-directory';
import { UserDirectory } from '../users/user-directory';
import {
  AssignProblemDto,
  CreateProblemDto,
  FeedbackDto,
  ProblemQueryDto,
  ProblemView,
  ProgressDto,
  ResolveDto,
} from './dtos/problem.dto';
import { ProblemEntity } from './entities/problem.entity';
import { ProblemEventEntity } from './entities/problem-event.entity';
import { ACTIVE_STATUSES, nextStatus, ProblemAction, ProblemStatus, Severity } from './problem-states';
import { ProblemErrors } from './problems.errors';
import { ProblemsRepository } from './problems.repository';
import { Household, HouseholdAccess } from '../households/household-access';
import { ProblemNames, problemView } from './problem.view';

const ACTION_LABELS: Record<ProblemAction, string> = {
  assign: '交办',
  progress: '报告进展',
  resolve: '办结',
  satisfied: '满意销号',
  unsatisfied: '不满意复号',
};

@Injectable()
export class ProblemsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly problems: ProblemsRepository,
    private readonly households: HouseholdAccess,
    private readonly org: OrgDirectory,
    private readonly users: UserDirectory,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditService,
    private readonly derived: HouseholdDerived,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
  ) {}

  async create(actor: Actor, dto: CreateProblemDto): Promise<ProblemView> {
    const created = await this.transactions.run(async (manager) => {
      let household: Household | null = null;
      if (dto.householdId) {
        household = await this.households.requireVisible(actor, dto.householdId, manager);
        if (!AccessPolicy.canReportProblemFor(actor, household)) throw ProblemErrors.notYourHousehold();
      }
      const now = this.clock.now();
      const hours = this.config.problemDueHours[dto.severity as Severity];
      const problem = Object.assign(new ProblemEntity(), {
        id: randomUUID(),
        householdId: household?.id ?? null,
        villageId: household?.villageId ?? null,
        townshipId: household?.townshipId ?? (actor.role === 'official' ? actor.orgUnitId : null),
        category: dto.category,
        severity: dto.severity,
        description: dto.description,
        status: 'open',
        reporterId: actor.id,
        unitId: null,
        ownerId: null,
        openedAt: now,
        openedDate: businessDate(now, this.config.businessTimeZone),
        dueAt: new Date(now.getTime() + hours * HOUR_MS),
        resolvedAt: null,
        closedAt: null,
        closedDate: null,
        resolution: null,
        supervised: false,
        reopenCount: 0,
        version: 1,
        updatedAt: now,
      });
      await this.problems.insert(manager, problem);
      await this.event(manager, actor, problem, 'created', null, 'open', dto.description);
      await this.audit.record(manager, actor, {
        action: 'problem_open',
        entityType: 'problem',
        entityId: problem.id,
        householdId: problem.householdId,
        after: { category: problem.category, severity: problem.severity, dueAt: problem.dueAt.toISOString() },
      });
      if (household) {
        await this.derived.adjustOpenProblems(manager, household.id, 1);
        household.openProblems += 1;
        await this.derived.refreshLight(manager, household);
      }
      return problem;
    });
    return this.named(created);
  }

  async assign(actor: Actor, id: string, dto: AssignProblemDto): Promise<ProblemView> {
    const unit = await this.org.findById(dto.unitId);
    if (!unit || unit.kind !== 'unit') throw ProblemErrors.badUnit();
    if (dto.ownerId) {
      const owner = await this.users.findById(dto.ownerId);
      if (!owner || !owner.active || owner.orgUnitId !== unit.id) throw ProblemErrors.badOwner();
    }
    const dueAt = dto.dueAt ? new Date(dto.dueAt) : null;
    if (dueAt && dueAt <= this.clock.now()) throw ProblemErrors.badDue();
    return this.act(actor, id, 'assign', dto.ownerId ? `交办 ${unit.name}` : unit.name, () => ({
      unitId: unit.id,
      ownerId: dto.ownerId ?? null,
      ...(dueAt ? { dueAt } : {}),
    }));
  }

  progress(actor: Actor, id: string, dto: ProgressDto): Promise<ProblemView> {
    return this.act(actor, id, 'progress', dto.note, () => ({}));
  }

  resolve(actor: Actor, id: string, dto: ResolveDto): Promise<ProblemView> {
    return this.act(actor, id, 'resolve', dto.resolution, (now) => ({
      resolution: dto.resolution,
      resolvedAt: now,
    }));
  }

  feedback(actor: Actor, id: string, dto: FeedbackDto): Promise<ProblemView> {
    return this.act(
      actor,
      id,
      dto.satisfied ? 'satisfied' : 'unsatisfied',
      dto.note ?? null,
      (now, problem) =>
        dto.satisfied
          ? { closedAt: now, closedDate: businessDate(now, this.config.businessTimeZone) }
          : { reopenCount: problem.reopenCount + 1, resolvedAt: null },
    );
  }

  /** 挂牌督办: it stays on every report until closed. */
  async supervise(actor: Actor, id: string): Promise<ProblemView> {
    const supervised = await this.transactions.run(async (manager) => {
      const problem = await this.problems.findVisible(AccessPolicy.problemScope(actor), id, manager);
      if (!problem) throw ProblemErrors.notFound();
      if (problem.status === 'closed') throw ProblemErrors.closed();
      if (problem.supervised) throw ProblemErrors.alreadySupervised();
      const fields = { supervised: true, updatedAt: this.clock.now() };
      if (!(await this.problems.update(manager, id, problem.version, fields))) throw ProblemErrors.raced();
      Object.assign(problem, fields, { version: problem.version + 1 });
      await this.event(manager, actor, problem, 'supervised', problem.status, problem.status, null);
      await this.audit.record(manager, actor, {
        action: 'problem_supervise',
        entityType: 'problem',
        entityId: id,
        householdId: problem.householdId,
        before: { supervised: false },
        after: { supervised: true },
      });
      return problem;
    });
    return this.named(supervised);
  }

  async get(actor: Actor, id: string): Promise<ProblemView> {
    const problem = await this.problems.findVisible(AccessPolicy.problemScope(actor), id);
    if (!problem) throw ProblemErrors.notFound();
    const events = await this.problems.events(id);
    const names = await this.names(
      [problem],
      events.map((e) => e.actorId),
    );
    return {
      ...problemView(problem, names, this.clock.now()),
      history: events.map((e) => ({
        at: e.at.toISOString(),
        kind: e.kind,
        fromStatus: e.fromStatus,
        toStatus: e.toStatus,
        note: e.note,
        actorId: e.actorId,
        actorName: names.users.get(e.actorId) ?? null,
      })),
    };
  }

  async list(actor: Actor, query: ProblemQueryDto): Promise<Page<ProblemView>> {
    const [rows, total] = await this.problems.list(
      AccessPolicy.problemScope(actor),
      query,
      this.clock.now(),
      query.page,
      query.pageSize,
    );
    const names = await this.names(rows);
    return {
      items: rows.map((p) => problemView(p, names, this.clock.now())),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  /** One status move of the table in problem-states.ts: checks, compare-and-set, event, audit, light. */
  private async act(
    actor: Actor,
    id: string,
    action: ProblemAction,
    note: string | null,
    fields: (now: Date, problem: ProblemEntity) => Partial<ProblemEntity>,
  ): Promise<ProblemView> {
    const moved = await this.transactions.run(async (manager) => {
      const problem = await this.problems.findVisible(AccessPolicy.problemScope(actor), id, manager);
      if (!problem) throw ProblemErrors.notFound();
      const household = problem.householdId
        ? await this.households.findById(problem.householdId, manager)
        : null;
      if (action === 'progress' || action === 'resolve') {
        if (!AccessPolicy.canHandleProblem(actor, problem)) throw ProblemErrors.notYourUnit();
      }
      if (
        (action === 'satisfied' || action === 'unsatisfied') &&
        !AccessPolicy.canGiveProblemFeedback(actor, problem, household)
      ) {
        throw ProblemErrors.notYourFeedback();
      }
      const to = nextStatus(action, problem.status);
      if (!to) throw ProblemErrors.illegal(problem.status, ACTION_LABELS[action]);
      const now = this.clock.now();
      const from = problem.status as ProblemStatus;
      const changes = { ...fields(now, problem), status: to, updatedAt: now };
      if (!(await this.problems.update(manager, id, problem.version, changes))) throw ProblemErrors.raced();
      Object.assign(problem, changes, { version: problem.version + 1 });
      await this.event(manager, actor, problem, action, from, to, note);
      await this.audit.record(manager, actor, {
        action: `problem_${action}`,
        entityType: 'problem',
        entityId: id,
        householdId: problem.householdId,
        before: { status: from },
        after: { status: to, unitId: problem.unitId, ownerId: problem.ownerId },
        context: note ? { note } : undefined,
      });
      if (action === 'assign') {
        await this.outbox.add(manager, JobName.Notify, {
          event: 'problem_assigned',
          id,
          ref: String(problem.version),
        });
      }
      if (household) {
        const wasActive = ACTIVE_STATUSES.includes(from) || from === 'resolved';
        if (to === 'closed' && wasActive) {
          await this.derived.adjustOpenProblems(manager, household.id, -1);
          household.openProblems -= 1;
        }
        await this.derived.refreshLight(manager, household);
      }
      return problem;
    });
    return this.named(moved);
  }

  /** Households' codes and users' names for these problems (two queries, whatever the page size). */
  private async names(problems: ProblemEntity[], actorIds: string[] = []): Promise<ProblemNames> {
    const userIds = [...problems.flatMap((p) => [p.reporterId, p.ownerId]), ...actorIds].filter(
      (id): id is string => !!id,
    );
    const [households, users] = await Promise.all([
      this.households.labels(problems.map((p) => p.householdId).filter((id): id is string => !!id)),
      this.users.findByIds([...new Set(userIds)]),
    ]);
    return { households, users: new Map(users.map((u) => [u.id, u.displayName])) };
  }

  private async named(problem: ProblemEntity): Promise<ProblemView> {
    return problemView(problem, await this.names([problem]), this.clock.now());
  }

  private async event(
    manager: EntityManager,
    actor: Actor,
    problem: ProblemEntity,
    kind: string,
    fromStatus: string | null,
    toStatus: string | null,
    note: string | null,
  ): Promise<void> {
    await this.problems.addEvent(
      manager,
      Object.assign(new ProblemEventEntity(), {
        problemId: problem.id,
        kind,
        fromStatus,
        toStatus,
        note,
        actorId: actor.id,
        at: this.clock.now(),
        dueAt: problem.dueAt,
      }),
    );
  }
}
