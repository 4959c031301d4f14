import { ApiError } from '../../api/client';
import type { Approval } from './api';

/**
 * A decision that came too late: someone decided first (409 while both were deciding, 422 once it had ended)
 * or moved it to a level that is not the caller's (403 NOT_YOUR_LEVEL). The inbox says so and refreshes.
 */
export function decidedElsewhere(error: unknown): boolean {
  if (!(error instanceof ApiError)) return false;
  return (
    error.status === 409 ||
    (error.status === 422 && error.code === 'APPROVAL_NOT_PENDING') ||
    (error.status === 403 && error.code === 'NOT_YOUR_LEVEL')
  );
}

export const DECIDED_ELSEWHERE = '该审批已被他人处理，列表已刷新';

export const APPROVAL_STATUS_LABELS: Record<string, string> = {
  pending: '审批中',
  approved: '已通过',
  rejected: '已驳回',
  cancelled: '已撤销',
};

export const STEP_STATUS_LABELS: Record<string, string> = {
  waiting: '未到',
  pending: '待审批',
  approved: '通过',
  rejected: '驳回',
  cancelled: '撤销',
};

type Label = (list: 'stages' | 'intents', value: string | null | undefined) => string;

/** What is asked, in words: a stage move ("实物已调查 → 实物指标已确认") or an intent change. */
export function requestedMove(approval: Approval, label: Label): string {
  if (approval.kind === 'intent_change') {
    const option = (approval.payload as { option?: string } | null)?.option;
    return option ? `安置意愿变更为「${label('intents', option)}」` : '安置意愿变更';
  }
  return `${label('stages', approval.from)} → ${label('stages', approval.to)}`;
}
