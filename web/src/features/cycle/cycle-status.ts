/** What GET /cycle/:date says, reduced to what the page shows and whether it keeps asking. */
export type RunStatus = 'pending' | 'queued' | 'running' | 'done' | 'skipped' | 'failed';

export interface StepView {
  name: string;
  status: RunStatus;
  attempts: number;
  startedAt: string | null;
  finishedAt: string | null;
  error: string | null;
  detail: Record<string, unknown> | null;
}

export interface CycleStatus {
  date: string;
  cycle: StepView | null;
  jobs: StepView[];
}

/**
 * idle: nothing running (never run, or only part of it by hand); waiting: asked to run, nothing started yet;
 * working: a step is queued or running; finished: all three steps completed; failed: a step or the chain failed.
 */
export type CyclePhase = 'idle' | 'waiting' | 'working' | 'finished' | 'failed';

/** After a click, the outbox relay needs a moment to queue the chain: until then a stale "failed" is not the answer. */
export const REQUEST_GRACE_MS = 8_000;
export const POLL_WORKING_MS = 1_500;
/** Asked to run but not started (in BullMQ mode the outbox waits while Redis is down): ask now and then. */
export const POLL_WAITING_MS = 10_000;

export const STEP_LABELS: Record<string, string> = {
  cycle: '日调度链',
  report: '日汇报',
  review: '日梳理',
  dispatch: '日调度',
};

export const STATUS_LABELS: Record<RunStatus, string> = {
  pending: '未运行',
  queued: '排队中',
  running: '运行中',
  done: '已完成',
  skipped: '已完成',
  failed: '失败',
};

const ACTIVE = new Set<RunStatus>(['queued', 'running']);
const COMPLETED = new Set<RunStatus>(['done', 'skipped']);

/**
 * The phase of a date's cycle. `requestedAt` is when this page asked for a run (browser clock, compared only with
 * `now` from the same clock, never with the server's times).
 */
export function cyclePhase(
  status: CycleStatus | undefined,
  requestedAt: number | null,
  now: number = Date.now(),
): CyclePhase {
  const asked = requestedAt !== null;
  if (!status) return asked ? 'waiting' : 'idle';
  const runs = status.cycle ? [status.cycle, ...status.jobs] : status.jobs;
  if (runs.some((run) => ACTIVE.has(run.status))) return 'working';
  if (status.jobs.length > 0 && status.jobs.every((step) => COMPLETED.has(step.status))) return 'finished';
  if (asked && now - requestedAt < REQUEST_GRACE_MS) return 'waiting';
  if (runs.some((run) => run.status === 'failed')) return 'failed';
  return asked ? 'waiting' : 'idle';
}

/** How often to ask again (TanStack Query's refetchInterval): only while something may still change. */
export function pollInterval(phase: CyclePhase): number | false {
  if (phase === 'working') return POLL_WORKING_MS;
  if (phase === 'waiting') return POLL_WAITING_MS;
  return false;
}

/** antd Steps' state of one step. */
export function stepState(status: RunStatus): 'wait' | 'process' | 'finish' | 'error' {
  if (ACTIVE.has(status)) return 'process';
  if (COMPLETED.has(status)) return 'finish';
  return status === 'failed' ? 'error' : 'wait';
}

const count = (detail: Record<string, unknown> | null, key: string): number | null =>
  typeof detail?.[key] === 'number' ? detail[key] : null;

/** One line in Chinese on what a completed step did, from its handler's detail. */
export function stepSummary(step: StepView): string | null {
  if (!COMPLETED.has(step.status)) return null;
  const d = step.detail;
  if (d?.reason === 'already completed') return '此前已完成，未重复运行';
  if (step.name === 'report') {
    const households = count(d, 'households');
    if (step.status === 'skipped') return '该日汇报已存在，未重复生成';
    return households === null ? '已生成日汇报' : `已生成日汇报（${households} 户）`;
  }
  if (step.name === 'review') {
    if (step.status === 'skipped') return '该日梳理已存在，未重复运行';
    const changed = count(d, 'lightsChanged');
    const overdue = (d?.overdue ?? null) as Record<string, number> | null;
    const parts = [changed === null ? null : `灯色变化 ${changed} 户`];
    if (overdue)
      parts.push(
        `逾期走访 ${overdue.visits ?? 0}、超期问题 ${overdue.problems ?? 0}、停滞 ${overdue.stalled ?? 0}、积压审批 ${overdue.approvals ?? 0}`,
      );
    return parts.filter(Boolean).join('；') || '已完成梳理';
  }
  if (step.name === 'dispatch') {
    const created = count(d, 'created') ?? 0;
    const carried = count(d, 'carriedOver') ?? 0;
    const notified = count(d, 'notified') ?? 0;
    if (created === 0)
      return carried ? `无新任务（${carried} 项前日任务仍在办）` : '无逾期事项，无需下达任务';
    return `下达任务 ${created} 项，通知 ${notified} 人${carried ? `，前日任务仍在办 ${carried} 项` : ''}`;
  }
  return null;
}

/** The failure of a run as the page says it: which step, and the server's message. */
export function stepError(step: StepView): string | null {
  if (step.status !== 'failed') return null;
  const label = STEP_LABELS[step.name] ?? step.name;
  return `${label}运行失败（第 ${step.attempts} 次尝试）：${step.error ?? '原因未知'}`;
}
