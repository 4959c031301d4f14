import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client';
import type { Approval } from './api';
import { approvalQuery } from './api';
import { decidedElsewhere, requestedMove } from './decision';

const label = (_list: string, value: string | null | undefined) =>
  ({ surveyed: '实物已调查', indicators_confirmed: '实物指标已确认', cash: '货币/自谋出路' })[value ?? ''] ??
  String(value);

describe('approval decisions', () => {
  it('knows a decision someone else made first', () => {
    expect(decidedElsewhere(new ApiError(409, 'APPROVAL_DECIDED_CONCURRENTLY', '刚刚已被他人处理'))).toBe(
      true,
    );
    expect(decidedElsewhere(new ApiError(422, 'APPROVAL_NOT_PENDING', '该审批已结束'))).toBe(true);
    expect(decidedElsewhere(new ApiError(403, 'NOT_YOUR_LEVEL', '当前待审批层级为指挥部'))).toBe(true);
    // Other refusals are shown as they are.
    expect(decidedElsewhere(new ApiError(422, 'HOUSEHOLD_ON_HOLD', '暂停推进'))).toBe(false);
    expect(decidedElsewhere(new ApiError(403, 'FORBIDDEN', '无权'))).toBe(false);
    expect(decidedElsewhere(new Error('x'))).toBe(false);
  });

  it('says what is asked in Chinese', () => {
    const stage = { kind: 'stage', from: 'surveyed', to: 'indicators_confirmed', payload: null } as Approval;
    expect(requestedMove(stage, label)).toBe('实物已调查 → 实物指标已确认');
    const intent = { kind: 'intent_change', from: 'paid', to: 'paid', payload: { option: 'cash' } };
    expect(requestedMove(intent as unknown as Approval, label)).toBe('安置意愿变更为「货币/自谋出路」');
  });

  it('asks the queue oldest first and the history latest decision first', () => {
    expect(approvalQuery({ tab: 'pending', page: 1, pageSize: 20 })).toEqual({
      page: 1,
      pageSize: 20,
      status: 'pending',
      level: undefined,
    });
    expect(approvalQuery({ tab: 'history', page: 2, pageSize: 20 })).toEqual({
      page: 2,
      pageSize: 20,
      status: 'decided',
      sort: '-decidedAt',
    });
    expect(approvalQuery({ tab: 'history', status: 'rejected' }).status).toBe('rejected');
  });

  it("asks 全部在审 for every pending request at any level, not only the caller's", () => {
    expect(approvalQuery({ tab: 'all', page: 1, pageSize: 20 })).toEqual({
      page: 1,
      pageSize: 20,
      status: 'pending',
      waitingFor: 'anyone',
      level: undefined,
    });
    expect(approvalQuery({ tab: 'pending' })).not.toHaveProperty('waitingFor');
  });
});
