import type { Role } from '../../app/roles';

export type ProblemAction = 'assign' | 'progress' | 'resolve' | 'feedback' | 'supervise';

type Caller = { role: Role; orgUnitId?: string | null };
type ProblemState = { status: string; unitId: string | null; supervised: boolean };

const COMMAND: Role[] = ['admin', 'commander'];

/**
 * What the caller may do to a problem now, as the API allows it (problem-states.ts and the access policy):
 * the command centre assigns and gives feedback; the unit's handlers (and the command centre) report progress
 * and resolve; supervisors and the command centre mark it 挂牌督办. A cadre gives feedback in the phone app.
 */
export function problemActions(caller: Caller, problem: ProblemState): ProblemAction[] {
  const command = COMMAND.includes(caller.role);
  const handles =
    command || (caller.role === 'handler' && !!problem.unitId && problem.unitId === caller.orgUnitId);
  const actions: ProblemAction[] = [];
  if (command && ['open', 'reopened', 'assigned'].includes(problem.status)) actions.push('assign');
  if (handles && problem.status === 'assigned') actions.push('progress', 'resolve');
  if (command && problem.status === 'resolved') actions.push('feedback');
  if ((command || caller.role === 'supervisor') && !problem.supervised && problem.status !== 'closed')
    actions.push('supervise');
  return actions;
}

export const PROBLEM_EVENT_LABELS: Record<string, string> = {
  created: '挂号',
  assign: '交办',
  progress: '报告进展',
  resolve: '办结',
  satisfied: '群众满意，销号',
  unsatisfied: '群众不满意，复号',
  supervised: '挂牌督办',
};

export const SEVERITY_COLORS: Record<string, string> = { p1: 'red', p2: 'orange', p3: 'blue' };

export const STATUS_COLORS: Record<string, string> = {
  open: 'default',
  assigned: 'processing',
  resolved: 'warning',
  closed: 'success',
  reopened: 'error',
};
