import { Injectable, OnModuleInit } from '@nestjs/common';
import { CommonErrors } from '../../common/errors/domain-error';
import { Actor } from '../../common/policy/actor';
import { Clock } from '../../common/time/business-clock';
import { TransactionRunner } from '../../database/transaction-runner';
import { ApprovalView } from '../approvals/dtos/approval.dto';
import { ApprovalsService } from '../approvals/approvals.service';
import { RollbackDto, TransitionDto } from './dtos/transition.dto';
import { checkForwardMove } from './stage-machine';
import { StageMover } from './stage-mover.service';
import { StageErrors } from './stages.errors';
import { STAGES } from '../households/household-stages';
import { HouseholdAccess } from '../households/household-access';

export type TransitionResult = { moved: true } | { moved: false; approval: ApprovalView };

@Injectable()
export class TransitionsService implements OnModuleInit {
  constructor(
    private readonly households: HouseholdAccess,
    private readonly approvals: ApprovalsService,
    private readonly mover: StageMover,
    private readonly transactions: TransactionRunner,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.approvals.registerApplier('stage', async (manager, actor, approval, household) => {
      if (household.stage !== approval.fromStage) throw StageErrors.stageChanged();
      const check = checkForwardMove(household.stage, approval.toStage, household);
      if (!check.ok) throw StageErrors.refused(check.code, check.message);
      await this.mover.move(manager, actor, household, approval.toStage, {
        kind: 'advance',
        approvalId: approval.id,
      });
    });
  }

  async request(actor: Actor, id: string, dto: TransitionDto): Promise<TransitionResult> {
    return this.transactions.run(async (manager) => {
      const household = await this.households.requireWorkable(actor, id, manager, StageErrors.notYours);
      if (household.version !== dto.version) throw CommonErrors.staleVersion();
      const check = checkForwardMove(household.stage, dto.to, household);
      if (!check.ok) throw StageErrors.refused(check.code, check.message);
      if (check.transition.approvers.length === 0) {
        await this.mover.move(manager, actor, household, dto.to, {
          kind: 'advance',
          reason: dto.comment,
          expectedVersion: dto.version,
        });
        return { moved: true };
      }
      // Claim the version first, so of N concurrent requests exactly one opens an approval.
      if (!(await this.households.update(manager, id, dto.version, { updatedAt: this.clock.now() }))) {
        throw CommonErrors.staleVersion();
      }
      const approval = await this.approvals.open(manager, actor, household, {
        kind: 'stage',
        from: household.stage,
        to: dto.to,
        levels: check.transition.approvers,
        comment: dto.comment,
      });
      return { moved: false, approval };
    });
  }

  /** The command centre's one step back, with a reason; pending requests for the household are cancelled. */
  async rollback(actor: Actor, id: string, dto: RollbackDto): Promise<void> {
    await this.transactions.run(async (manager) => {
      const household = await this.households.requireVisible(actor, id, manager);
      if (household.version !== dto.version) throw CommonErrors.staleVersion();
      const index = STAGES.indexOf(household.stage as (typeof STAGES)[number]);
      if (index <= 0) throw StageErrors.nothingToRollBack();
      await this.approvals.cancelPending(manager, actor, id);
      await this.mover.move(manager, actor, household, STAGES[index - 1], {
        kind: 'rollback',
        reason: dto.reason,
        expectedVersion: dto.version,
      });
    });
  }
}
