import { ApprovalView } from './dtos/approval.dto';
import { ApprovalEntity } from './entities/approval.entity';
import { ApprovalStepEntity } from './entities/approval-step.entity';

/** What a view shows beside the ids: the household's code and head, the names of requester and deciders. */
export interface ApprovalViewNames {
  household?: { code: string; headName: string };
  users: Map<string, string>;
}

export function approvalView(
  approval: ApprovalEntity,
  steps: ApprovalStepEntity[],
  names: ApprovalViewNames,
): ApprovalView {
  return {
    id: approval.id,
    householdId: approval.householdId,
    householdCode: names.household?.code ?? '',
    headName: names.household?.headName ?? '',
    kind: approval.kind,
    from: approval.fromStage,
    to: approval.toStage,
    status: approval.status,
    currentLevel: approval.currentLevel,
    steps: steps.map((s) => ({
      level: s.level,
      status: s.status,
      decidedBy: s.decidedBy,
      decidedByName: s.decidedBy ? (names.users.get(s.decidedBy) ?? null) : null,
      decidedAt: s.decidedAt?.toISOString() ?? null,
      comment: s.comment,
    })),
    payload: approval.payload ? JSON.parse(approval.payload) : null,
    comment: approval.comment,
    requestedBy: approval.requestedBy,
    requesterName: names.users.get(approval.requestedBy) ?? null,
    requestedAt: approval.requestedAt.toISOString(),
    decidedAt: approval.decidedAt?.toISOString() ?? null,
  };
}
