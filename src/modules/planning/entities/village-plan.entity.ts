import { Column, Entity, PrimaryColumn } from 'typeorm';
import { instantColumn, uuidColumn, uuidPrimary } from '../../../database/column-types';

/** A village's move date (搬迁节点), set by the command centre. */
@Entity('village_plan')
export class VillagePlanEntity {
  @PrimaryColumn({ ...uuidPrimary(), name: 'village_id' }) villageId!: string;
  /** YYYY-MM-DD, Asia/Shanghai. */
  @Column({ type: 'varchar', length: 10, name: 'move_date' }) moveDate!: string;
  @Column({ type: 'varchar', length: 200 }) reason!: string;
  @Column({ ...uuidColumn(), name: 'updated_by' }) updatedBy!: string;
  @Column({ ...instantColumn(), name: 'updated_at' }) updatedAt!: Date;
  @Column({ type: 'integer', default: 1 }) version!: number;
}

/**
 * A village's pace as last measured (by the daily review, or when a move date changed): the light of a single
 * household reads it from here between two reviews.
 */
@Entity('village_pace')
export class VillagePaceEntity {
  @PrimaryColumn({ ...uuidPrimary(), name: 'village_id' }) villageId!: string;
  /** The business date it was measured on. */
  @Column({ type: 'varchar', length: 10, name: 'pace_date' }) paceDate!: string;
  /** Net steps towards the target in the 14 days up to pace_date (plan.ts, VillagePace). */
  @Column({ type: 'integer' }) steps!: number;
  @Column({ type: 'integer', name: 'open_households' }) openHouseholds!: number;
}
