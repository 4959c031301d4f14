import type { Role } from '../../app/roles';
import { mayOpen } from '../../app/roles';
type Caller = { id: string; role: Role; orgUnitId?: string | null };
type Assigned = { assignee: { userId: string | null; unitId: string | null } };

/**
 * Whether the caller may mark a task done: the command centre any task; others their own or their unit's
 * (the tasks they see). Supervisors make no data edits, so they only read.
 */
export function mayCompleteTask(caller: Caller, task: Assigned & { status: string }): boolean {
  if (task.status !== 'open' || caller.role === 'supervisor') return false;
  if (caller.role === 'admin' || caller.role === 'commander') return true;
  if (task.assignee.userId) return task.assignee.userId === caller.id;
  return (
    (caller.role === 'handler' || caller.role === 'official') &&
    !!task.assignee.unitId &&
    task.assignee.unitId === caller.orgUnitId
  );
}

/** Who must act: a person, a unit or township, or the command centre. */
export function assigneeName(
  task: Assigned,
  names: { me: string; user: (id: string) => string | undefined; unit: (id: string) => string },
): string {
  const { userId, unitId } = task.assignee;
  if (userId) return userId === names.me ? '我' : (names.user(userId) ?? '包户干部');
  if (unitId) return names.unit(unitId);
  return '指挥部';
}

/** Where the task's target is worked on, if the caller may open it there. */
export function targetLink(
  task: { targetType: string; targetId: string },
  role: Role,
): { to: string; text: string } | null {
  const link =
    task.targetType === 'household'
      ? { to: `/households/${task.targetId}`, text: '查看移民户' }
      : task.targetType === 'problem'
        ? { to: `/problems/${task.targetId}`, text: '查看问题' }
        : { to: '/approvals', text: '去审批' };
  return mayOpen(role, link.to) ? link : null;
}

export const TASK_STATUS_LABELS: Record<string, string> = {
  open: '待办',
  done: '已完成',
  cancelled: '已取消',
};
