import { TaskView } from './dtos/task.dto';
import { TaskEntity } from './entities/task.entity';

/** `today`: the business date that decides `overdue`. */
export function taskView(task: TaskEntity, today: string): TaskView {
  return {
    id: task.id,
    cycleDate: task.cycleDate,
    kind: task.kind,
    targetType: task.targetType,
    targetId: task.targetId,
    householdId: task.householdId,
    assignee: { userId: task.assigneeUserId, unitId: task.assigneeUnitId, level: task.assigneeLevel },
    instruction: task.instruction,
    dueDate: task.dueDate,
    status: task.status,
    overdue: task.status === 'open' && task.dueDate < today,
    note: task.note,
    createdAt: task.createdAt.toISOString(),
    completedAt: task.completedAt?.toISOString() ?? null,
    completedBy: task.completedBy,
    escalation: {
      level: task.escalationLevel ?? 0,
      at: task.escalatedAt?.toISOString() ?? null,
      to: task.escalatedTo ?? null,
    },
  };
}
