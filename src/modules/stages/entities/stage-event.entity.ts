import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { instantColumn, uuidColumn, uuidPrimary } from '../../../database/column-types';

/** One row per stage move (forward or rollback): the daily report counts these by business date. */
@Entity('stage_event')
@Index('ix_stage_event_household_seq', ['householdId', 'seq'])
export class StageEventEntity {
  @PrimaryColumn(uuidPrimary()) id!: string;
  @Column({ ...uuidColumn(), name: 'household_id' }) householdId!: string;
  @Column({ type: 'varchar', length: 30, name: 'from_stage' }) fromStage!: string;
  @Column({ type: 'varchar', length: 30, name: 'to_stage' }) toStage!: string;
  @Column({ type: 'varchar', length: 20 }) kind!: 'advance' | 'rollback';
  @Column({ type: 'varchar', length: 1000, nullable: true }) reason!: string | null;
  @Column({ ...uuidColumn(), name: 'approval_id', nullable: true }) approvalId!: string | null;
  @Column({ type: 'varchar', length: 36, name: 'actor_id' }) actorId!: string;
  @Column({ ...instantColumn() }) at!: Date;
  @Column({ type: 'varchar', length: 10, name: 'business_date' }) businessDate!: string;
  /** Its position in the household's history (1, 2, …): moves in one millisecond keep their order. */
  @Column({ type: 'integer', default: 0 }) seq!: number;
}
