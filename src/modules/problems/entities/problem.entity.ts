import { Column, Entity, PrimaryColumn } from 'typeorm';
import { instantColumn, uuidColumn, uuidPrimary } from '../../../database/column-types';

@Entity('problem')
export class ProblemEntity {
  @PrimaryColumn(uuidPrimary()) id!: string;
  @Column({ ...uuidColumn(), name: 'household_id', nullable: true }) householdId!: string | null;
  @Column({ ...uuidColumn(), name: 'village_id', nullable: true }) villageId!: string | null;
  @Column({ ...uuidColumn(), name: 'township_id', nullable: true }) townshipId!: string | null;
  @Column({ type: 'varchar', length: 30 }) category!: string;
  @Column({ type: 'varchar', length: 5 }) severity!: string;
  @Column({ type: 'varchar', length: 2000 }) description!: string;
  @Column({ type: 'varchar', length: 20 }) status!: string;
  @Column({ ...uuidColumn(), name: 'reporter_id' }) reporterId!: string;
  @Column({ ...uuidColumn(), name: 'unit_id', nullable: true }) unitId!: string | null;
  @Column({ ...uuidColumn(), name: 'owner_id', nullable: true }) ownerId!: string | null;
  @Column({ ...instantColumn(), name: 'opened_at' }) openedAt!: Date;
  @Column({ type: 'varchar', length: 10, name: 'opened_date' }) openedDate!: string;
  @Column({ ...instantColumn(), name: 'due_at' }) dueAt!: Date;
  @Column({ ...instantColumn(), name: 'resolved_at', nullable: true }) resolvedAt!: Date | null;
  @Column({ ...instantColumn(), name: 'closed_at', nullable: true }) closedAt!: Date | null;
  @Column({ type: 'varchar', length: 10, name: 'closed_date', nullable: true }) closedDate!: string | null;
  @Column({ type: 'varchar', length: 2000, nullable: true }) resolution!: string | null;
  @Column({ type: 'boolean', default: false }) supervised!: boolean;
  @Column({ type: 'integer', name: 'reopen_count', default: 0 }) reopenCount!: number;
  @Column({ type: 'integer', default: 1 }) version!: number;
  @Column({ ...instantColumn(), name: 'updated_at' }) updatedAt!: Date;
}
