import { describe, expect, it } from 'vitest';
import {
  type CycleStatus,
  cyclePhase,
  pollInterval,
  POLL_WAITING_MS,
  POLL_WORKING_MS,
  REQUEST_GRACE_MS,
  type RunStatus,
  stepError,
  stepState,
  stepSummary,
  type StepView,
} from './cycle-status';

const step = (name: string, status: RunStatus, extra: Partial<StepView> = {}): StepView => ({
  name,
  status,
  attempts: status === 'pending' ? 0 : 1,
  startedAt: null,
  finishedAt: null,
  error: null,
  detail: null,
  ...extra,
});

const cycle = (
  report: RunStatus,
  review: RunStatus,
  dispatch: RunStatus,
  chain: RunStatus | null = null,
): CycleStatus => ({
  date: '2026-12-01',
  cycle: chain ? step('cycle', chain) : null,
  jobs: [step('report', report), step('review', review), step('dispatch', dispatch)],
});

describe('cycle phase and polling', () => {
  const now = 1_000_000;

  it('is idle and does not poll for a date that never ran', () => {
    const phase = cyclePhase(cycle('pending', 'pending', 'pending'), null, now);
    expect(phase).toBe('idle');
    expect(pollInterval(phase)).toBe(false);
  });

  it('polls quickly while the chain or any step is queued or running', () => {
    expect(cyclePhase(cycle('pending', 'pending', 'pending', 'queued'), null, now)).toBe('working');
    expect(cyclePhase(cycle('done', 'running', 'pending', 'running'), null, now)).toBe('working');
    // A step still running after the chain's row says done (it is read a moment apart) is still work.
    expect(cyclePhase(cycle('done', 'done', 'running', 'done'), null, now)).toBe('working');
    expect(pollInterval('working')).toBe(POLL_WORKING_MS);
  });

  it('stops when all three steps completed, skipped included (a dispatch with nothing to do)', () => {
    const phase = cyclePhase(cycle('done', 'done', 'skipped', 'done'), null, now);
    expect(phase).toBe('finished');
    expect(pollInterval(phase)).toBe(false);
    // A date that ran already stays finished the moment it is asked again: the server runs nothing new.
    expect(cyclePhase(cycle('skipped', 'skipped', 'skipped', 'done'), now - 10, now)).toBe('finished');
  });

  it('stops on a failure, but not on a stale one right after asking to run again', () => {
    const failed = cycle('done', 'failed', 'pending', 'failed');
    expect(cyclePhase(failed, null, now)).toBe('failed');
    expect(pollInterval('failed')).toBe(false);
    expect(cyclePhase(failed, now - 1_000, now)).toBe('waiting');
    expect(cyclePhase(failed, now - REQUEST_GRACE_MS - 1, now)).toBe('failed');
  });

  it('waits (and polls slowly) after asking while nothing has started', () => {
    const untouched = cycle('pending', 'pending', 'pending');
    expect(cyclePhase(untouched, now - 1_000, now)).toBe('waiting');
    expect(cyclePhase(untouched, now - 60_000, now)).toBe('waiting');
    expect(cyclePhase(undefined, now, now)).toBe('waiting');
    expect(cyclePhase(undefined, null, now)).toBe('idle');
    expect(pollInterval('waiting')).toBe(POLL_WAITING_MS);
  });
});

describe('step display', () => {
  it('maps run states to antd Steps states', () => {
    expect(stepState('pending')).toBe('wait');
    expect(stepState('queued')).toBe('process');
    expect(stepState('running')).toBe('process');
    expect(stepState('done')).toBe('finish');
    expect(stepState('skipped')).toBe('finish');
    expect(stepState('failed')).toBe('error');
  });

  it('says in Chinese what each step did', () => {
    expect(stepSummary(step('report', 'done', { detail: { households: 120 } }))).toBe(
      '已生成日汇报（120 户）',
    );
    expect(stepSummary(step('report', 'skipped'))).toBe('该日汇报已存在，未重复生成');
    expect(
      stepSummary(
        step('review', 'done', {
          detail: { lightsChanged: 3, overdue: { visits: 2, problems: 1, stalled: 0, approvals: 4 } },
        }),
      ),
    ).toBe('灯色变化 3 户；逾期走访 2、超期问题 1、停滞 0、积压审批 4');
    expect(
      stepSummary(step('dispatch', 'skipped', { detail: { created: 0, carriedOver: 0, notified: 0 } })),
    ).toBe('无逾期事项，无需下达任务');
    expect(
      stepSummary(step('dispatch', 'done', { detail: { created: 5, carriedOver: 2, notified: 3 } })),
    ).toBe('下达任务 5 项，通知 3 人，前日任务仍在办 2 项');
    expect(stepSummary(step('dispatch', 'running'))).toBeNull();
  });

  it('names the failed step and its attempt', () => {
    expect(stepError(step('review', 'failed', { attempts: 2, error: 'SQLITE_BUSY' }))).toBe(
      '日梳理运行失败（第 2 次尝试）：SQLITE_BUSY',
    );
    expect(stepError(step('report', 'done'))).toBeNull();
  });
});
