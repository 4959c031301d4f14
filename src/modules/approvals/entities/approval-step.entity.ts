import { Column, Entity, PrimaryColumn } from 'typeorm';
import { instantColumn, uuidColumn, uuidPrimary } from '../../../database/column-types';

export type StepStatus = 'waiting' | 'pending' | 'approved' | 'rejected' | 'cancelled';

@Entity('approval_step')
export class ApprovalStepEntity {
  @PrimaryColumn(uuidPrimary()) id!: string;
  @Column({ ...uuidColumn(), name: 'approval_id' }) approvalId!: string;
  @Column({ type: 'integer' }) position!: number;
  @Column({ type: 'varchar', length: 20 }) level!: string;
  @Column({ type: 'varchar', length: 20 }) status!: StepStatus;
  @Column({ type: 'varchar', length: 36, name: 'decided_by', nullable: true }) decidedBy!: string | null;
  @Column({ ...instantColumn(), name: 'decided_at', nullable: true }) decidedAt!: Date | null;
  @Column({ type: 'varchar', length: 1000, nullable: true }) comment!: string | null;
}
