import { Column, Entity, PrimaryColumn } from 'typeorm';
import { instantColumn, uuidColumn, uuidPrimary } from '../../../database/column-types';
import type { ApprovalKind } from '../approval-levels';

export type ApprovalStatus = 'pending' | 'approved' | 'rejected' | 'cancelled';

export const APPROVAL_STATUS_LABELS: Record<ApprovalStatus, string> = {
  pending: '待审批',
  approved: '已通过',
  rejected: '已驳回',
  cancelled: '已撤销',
};
export const DECISION_LABELS = { approve: '同意', reject: '驳回' } as const;

@Entity('approval')
export class ApprovalEntity {
  @PrimaryColumn(uuidPrimary()) id!: string;
  @Column({ ...uuidColumn(), name: 'household_id' }) householdId!: string;
  @Column({ ...uuidColumn(), name: 'township_id', nullable: true }) townshipId!: string | null;
  @Column({ type: 'varchar', length: 20 }) kind!: ApprovalKind;
  @Column({ type: 'varchar', length: 30, name: 'from_stage' }) fromStage!: string;
  @Column({ type: 'varchar', length: 30, name: 'to_stage' }) toStage!: string;
  /** For an intent change: the intent to record once approved (JSON). */
  @Column({ type: 'text', nullable: true }) payload!: string | null;
  @Column({ type: 'varchar', length: 20 }) status!: ApprovalStatus;
  /** The level whose decision is awaited; null once decided. */
  @Column({ type: 'varchar', length: 20, name: 'current_level', nullable: true }) currentLevel!:
    string | null;
  @Column({ type: 'varchar', length: 1000, nullable: true }) comment!: string | null;
  @Column({ type: 'varchar', length: 36, name: 'requested_by' }) requestedBy!: string;
  @Column({ ...instantColumn(), name: 'requested_at' }) requestedAt!: Date;
  @Column({ ...instantColumn(), name: 'decided_at', nullable: true }) decidedAt!: Date | null;
  @Column({ type: 'integer', default: 1 }) version!: number;
}
