import { Column, Entity, PrimaryColumn } from 'typeorm';
import { instantColumn, uuidColumn, uuidPrimary } from '../../../database/column-types';

@Entity('intent_record')
export class IntentRecordEntity {
  @PrimaryColumn(uuidPrimary()) id!: string;
  @Column({ ...uuidColumn(), name: 'household_id' }) householdId!: string;
  @Column({ type: 'varchar', length: 30 }) option!: string;
  @Column({ type: 'varchar', length: 100, nullable: true }) site!: string | null;
  @Column({ type: 'varchar', length: 30, nullable: true }) livelihood!: string | null;
  @Column({ type: 'varchar', length: 1000, nullable: true }) note!: string | null;
  @Column({ ...uuidColumn(), name: 'visit_id', nullable: true }) visitId!: string | null;
  @Column({ ...uuidColumn(), name: 'approval_id', nullable: true }) approvalId!: string | null;
  @Column({ type: 'varchar', length: 30, name: 'previous_option', nullable: true }) previousOption!:
    string | null;
  @Column({ type: 'varchar', length: 36, name: 'actor_id' }) actorId!: string;
  @Column({ ...instantColumn(), name: 'recorded_at' }) recordedAt!: Date;
  @Column({ type: 'varchar', length: 10, name: 'business_date' }) businessDate!: string;
}
