import { Column, Entity, PrimaryColumn } from 'typeorm';
import { instantColumn, uuidColumn, uuidPrimary } from '../../../../database/column-types';

export type TaskKind = 'overdue_visit' | 'overdue_problem' | 'pending_approval';
export type TaskStatus = 'open' | 'done' | 'cancelled';

export const TASK_STATUS_LABELS: Record<TaskStatus, string> = {
  open: '待办',
  done: '已完成',
  cancelled: '已取消',
};

/** A dispatch instruction (调度指令): at most one per cycle date and target. */
@Entity('task')
export class TaskEntity {
  @PrimaryColumn(uuidPrimary()) id!: string;
  @Column({ type: 'varchar', length: 10, name: 'cycle_date' }) cycleDate!: string;
  @Column({ type: 'varchar', length: 30 }) kind!: TaskKind;
  @Column({ type: 'varchar', length: 20, name: 'target_type' }) targetType!:
    'household' | 'problem' | 'approval';
  @Column({ type: 'varchar', length: 36, name: 'target_id' }) targetId!: string;
  @Column({ ...uuidColumn(), name: 'household_id', nullable: true }) householdId!: string | null;
  @Column({ ...uuidColumn(), name: 'assignee_user_id', nullable: true }) assigneeUserId!: string | null;
  @Column({ ...uuidColumn(), name: 'assignee_unit_id', nullable: true }) assigneeUnitId!: string | null;
  /** For approvals: the level that must decide (township / command_centre). */
  @Column({ type: 'varchar', length: 20, name: 'assignee_level', nullable: true }) assigneeLevel!:
    string | null;
  @Column({ type: 'varchar', length: 1000 }) instruction!: string;
  @Column({ type: 'varchar', length: 10, name: 'due_date' }) dueDate!: string;
  @Column({ type: 'varchar', length: 20 }) status!: TaskStatus;
  @Column({ type: 'varchar', length: 1000, nullable: true }) note!: string | null;
  @Column({ ...instantColumn(), name: 'created_at' }) createdAt!: Date;
  @Column({ ...instantColumn(), name: 'completed_at', nullable: true }) completedAt!: Date | null;
  @Column({ type: 'varchar', length: 36, name: 'completed_by', nullable: true }) completedBy!: string | null;
  @Column({ type: 'integer', default: 1 }) version!: number;
  /**
   * How far up the household's chain the task was raised (0: its assignee only; docs/architecture.md, "Escalation").
   * The three are left to their defaults when tasks are inserted (`insert: false`): the dispatch writes 72,000 at once.
   */
  @Column({ type: 'integer', name: 'escalation_level', default: 0, insert: false }) escalationLevel!: number;
  @Column({ ...instantColumn(), name: 'escalated_at', nullable: true, insert: false })
  escalatedAt!: Date | null;
  /** The person it was last raised to. */
  @Column({ ...uuidColumn(), name: 'escalated_to', nullable: true, insert: false }) escalatedTo!:
    string | null;
}
