import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { Page } from '../../common/http/pagination';
import { AccessPolicy } from '../../common/policy/access-policy';
import { Actor } from '../../common/policy/actor';
import { Clock } from '../../common/time/business-clock';
import { TransactionRunner } from '../../database/transaction-runner';
import { JobName } from '../../jobs/job-catalogue';
import { OutboxService } from '../../jobs/outbox.service';
import { AuditService } from '../audit/audit.service';
import { APPROVAL_KINDS, APPROVAL_LEVEL_LABELS, ApprovalKind, ApprovalLevel } from './approval-levels';
import { UserDirectory } from '../users/user-directory';
import { ApprovalErrors } from './approvals.errors';
import { ApprovalsRepository } from './approvals.repository';
import { ApprovalQueryDto, ApprovalView, DecisionDto } from './dtos/approval.dto';
import { ApprovalEntity } from './entities/approval.entity';
import { ApprovalStepEntity } from './entities/approval-step.entity';
import { Household, HouseholdAccess } from '../households/household-access';
import { approvalView } from './approval.view';

/** What happens when the last level approves; each kind's owner registers one (stages, intents). */
export type ApprovalApplier = (
  manager: EntityManager,
  actor: Actor,
  approval: ApprovalEntity,
  household: Household,
) => Promise<void>;

export interface OpenApproval {
  kind: ApprovalKind;
  from: string;
  to: string;
  levels: ApprovalLevel[];
  payload?: unknown;
  comment?: string;
}

@Injectable()
export class ApprovalsService implements OnApplicationBootstrap {
  private readonly appliers = new Map<ApprovalKind, ApprovalApplier>();

  constructor(
    private readonly approvals: ApprovalsRepository,
    private readonly households: HouseholdAccess,
    private readonly users: UserDirectory,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
  ) {}

  registerApplier(kind: ApprovalKind, applier: ApprovalApplier): void {
    if (this.appliers.has(kind)) throw new Error(`Two appliers for approval kind ${kind}`);
    this.appliers.set(kind, applier);
  }

  /** After every module registered its appliers (onModuleInit): a kind nobody applies fails the start. */
  onApplicationBootstrap(): void {
    const missing = APPROVAL_KINDS.filter((kind) => !this.appliers.has(kind));
    if (missing.length) throw new Error(`No applier registered for approval kind ${missing.join(', ')}`);
  }

  /** Opens a request inside the caller's transaction; one pending request per household at a time. */
  async open(
    manager: EntityManager,
    actor: Actor,
    household: Household,
    request: OpenApproval,
  ): Promise<ApprovalView> {
    if (await this.approvals.pendingFor(manager, household.id)) throw ApprovalErrors.alreadyPending();
    const now = this.clock.now();
    const approval = Object.assign(new ApprovalEntity(), {
      id: randomUUID(),
      householdId: household.id,
      townshipId: household.townshipId,
      kind: request.kind,
      fromStage: request.from,
      toStage: request.to,
      payload: request.payload === undefined ? null : JSON.stringify(request.payload),
      status: 'pending',
      currentLevel: request.levels[0],
      comment: request.comment ?? null,
      requestedBy: actor.id,
      requestedAt: now,
      decidedAt: null,
      version: 1,
    });
    const steps = request.levels.map((level, position) =>
      Object.assign(new ApprovalStepEntity(), {
        id: randomUUID(),
        approvalId: approval.id,
        position,
        level,
        status: position === 0 ? 'pending' : 'waiting',
        decidedBy: null,
        decidedAt: null,
        comment: null,
      }),
    );
    await this.approvals.insert(manager, approval, steps);
    await this.audit.record(manager, actor, {
      action: 'approval_request',
      entityType: 'approval',
      entityId: approval.id,
      householdId: household.id,
      after: {
        kind: approval.kind,
        from: approval.fromStage,
        to: approval.toStage,
        levels: request.levels,
        comment: approval.comment,
      },
    });
    await this.outbox.add(manager, JobName.Notify, {
      event: 'approval_requested',
      id: approval.id,
      ref: request.levels[0],
    });
    return approvalView(approval, steps, {
      household,
      users: new Map([[actor.id, actor.displayName]]),
    });
  }

  async decide(actor: Actor, id: string, dto: DecisionDto): Promise<ApprovalView> {
    return this.transactions.run(async (manager) => {
      const approval = await this.approvals.findById(id, manager);
      if (!approval) throw ApprovalErrors.notFound();
      const household = await this.households.requireVisible(
        actor,
        approval.householdId,
        manager,
        ApprovalErrors.notFound,
      );
      if (approval.status !== 'pending') throw ApprovalErrors.notPending();
      const level = approval.currentLevel as ApprovalLevel;
      if (!AccessPolicy.canDecideApproval(actor, level, household))
        throw ApprovalErrors.wrongLevel(APPROVAL_LEVEL_LABELS[level] ?? level);
      const steps = await this.approvals.steps([id], manager);
      const current = steps.find((s) => s.status === 'pending');
      // PostgreSQL: another decider committed between our read of the request and of its steps.
      if (!current) throw ApprovalErrors.raced();
      const next = steps.find((s) => s.position === current.position + 1);
      const now = this.clock.now();
      const approve = dto.decision === 'approve';
      const fields: Partial<ApprovalEntity> = approve
        ? next
          ? { currentLevel: next.level }
          : { status: 'approved', currentLevel: null, decidedAt: now }
        : {
            status: 'rejected',
            currentLevel: null,
            decidedAt: now,
            comment: dto.comment ?? approval.comment,
          };
      // Compare-and-set: of two deciders racing on one request, only one gets past here.
      if (!(await this.approvals.update(manager, id, approval.version, fields))) throw ApprovalErrors.raced();
      Object.assign(current, {
        status: approve ? 'approved' : 'rejected',
        decidedBy: actor.id,
        decidedAt: now,
        comment: dto.comment ?? null,
      });
      await this.approvals.updateStep(manager, current.id, current);
      if (approve && next) {
        next.status = 'pending';
        await this.approvals.updateStep(manager, next.id, { status: 'pending' });
        await this.outbox.add(manager, JobName.Notify, { event: 'approval_requested', id, ref: next.level });
      }
      if (!approve) {
        for (const waiting of steps.filter((s) => s.status === 'waiting')) {
          waiting.status = 'cancelled';
          await this.approvals.updateStep(manager, waiting.id, { status: 'cancelled' });
        }
      }
      Object.assign(approval, fields);
      await this.audit.record(manager, actor, {
        action: approve ? 'approval_approve' : 'approval_reject',
        entityType: 'approval',
        entityId: id,
        householdId: household.id,
        before: { status: 'pending', level },
        after: { status: approval.status, level: approval.currentLevel, comment: dto.comment ?? null },
      });
      if (fields.status === 'approved') {
        const applier = this.appliers.get(approval.kind);
        if (!applier) throw new Error(`No applier registered for approval kind ${approval.kind}`);
        await applier(manager, actor, approval, household);
      }
      return approvalView(approval, steps, {
        household,
        users: await this.userNames([approval], steps, manager),
      });
    });
  }

  async list(actor: Actor, query: ApprovalQueryDto): Promise<Page<ApprovalView>> {
    const filter = {
      status: query.status,
      level: query.level,
      householdId: query.householdId,
      townshipId: undefined as string | undefined,
      sort: query.sort,
    };
    // "Pending" means "waiting for me" for those who decide, unless every level is asked for.
    const mine = query.status === 'pending' && query.waitingFor !== 'anyone';
    if (mine && actor.role === 'official') {
      filter.level = 'township';
      filter.townshipId = actor.orgUnitId ?? undefined;
    }
    if (mine && actor.role === 'commander') filter.level = 'command_centre';
    const [rows, total] = await this.approvals.list(
      AccessPolicy.householdScope(actor),
      filter,
      query.page,
      query.pageSize,
    );
    const steps = await this.approvals.steps(rows.map((r) => r.id));
    const [households, users] = await Promise.all([
      this.households.labels(rows.map((r) => r.householdId)),
      this.userNames(rows, steps),
    ]);
    return {
      items: rows.map((r) =>
        approvalView(
          r,
          steps.filter((s) => s.approvalId === r.id),
          { household: households.get(r.householdId), users },
        ),
      ),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  async get(actor: Actor, id: string): Promise<ApprovalView> {
    const approval = await this.approvals.findById(id);
    if (!approval) throw ApprovalErrors.notFound();
    const household = await this.households.requireVisible(
      actor,
      approval.householdId,
      undefined,
      ApprovalErrors.notFound,
    );
    const steps = await this.approvals.steps([id]);
    return approvalView(approval, steps, { household, users: await this.userNames([approval], steps) });
  }

  async cancelPending(manager: EntityManager, actor: Actor, householdId: string): Promise<void> {
    const cancelled = await this.approvals.cancelPending(manager, householdId, this.clock.now());
    for (const id of cancelled) {
      await this.audit.record(manager, actor, {
        action: 'approval_cancel',
        entityType: 'approval',
        entityId: id,
        householdId,
        before: { status: 'pending' },
        after: { status: 'cancelled' },
      });
    }
  }

  /** Display names of the requesters and deciders of these approvals (one query). */
  private async userNames(
    approvals: ApprovalEntity[],
    steps: ApprovalStepEntity[],
    manager?: EntityManager,
  ): Promise<Map<string, string>> {
    const ids = [
      ...approvals.map((a) => a.requestedBy),
      ...steps.map((s) => s.decidedBy).filter((id): id is string => !!id),
    ];
    const users = await this.users.findByIds([...new Set(ids)], manager);
    return new Map(users.map((u) => [u.id, u.displayName]));
  }
}
