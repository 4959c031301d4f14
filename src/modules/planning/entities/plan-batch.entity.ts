import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { instantColumn, uuidColumn, uuidPrimary } from '../../../database/column-types';

/** A named set of households with its own move date, overriding their villages' (搬迁批次). */
@Entity('plan_batch')
export class PlanBatchEntity {
  @PrimaryColumn(uuidPrimary()) id!: string;
  @Index('uq_plan_batch_name', { unique: true })
  @Column({ type: 'varchar', length: 100 })
  name!: string;
  @Column({ type: 'varchar', length: 10, name: 'move_date' }) moveDate!: string;
  @Column({ type: 'varchar', length: 200 }) reason!: string;
  @Column({ ...uuidColumn(), name: 'updated_by' }) updatedBy!: string;
  @Column({ ...instantColumn(), name: 'created_at' }) createdAt!: Date;
  @Column({ ...instantColumn(), name: 'updated_at' }) updatedAt!: Date;
  @Column({ type: 'integer', default: 1 }) version!: number;
}

/** A household belongs to at most one batch. */
@Entity('plan_batch_member')
@Index('ix_plan_batch_member_batch', ['batchId'])
export class PlanBatchMemberEntity {
  @PrimaryColumn({ ...uuidPrimary(), name: 'household_id' }) householdId!: string;
  @Column({ ...uuidColumn(), name: 'batch_id' }) batchId!: string;
}
