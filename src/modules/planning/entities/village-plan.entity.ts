import { Column, Entity, PrimaryColumn } from 'typeorm';
import { instantColumn, uuidColumn, uuidPrimary } from '../../../database/column-types';

/**
 * A village's move date (搬迁节点), set by the command centre, and its pace as last measured (by the daily
 * review, or when the move date changed): the lights of single households read the pace from here.
 */
@Entity('village_plan')
export class VillagePlanEntity {
  @PrimaryColumn({ ...uuidPrimary(), name: 'village_id' }) villageId!: string;
  /** YYYY-MM-DD, Asia/Shanghai. */
  @Column({ type: 'varchar', length: 10, name: 'move_date' }) moveDate!: string;
  @Column({ type: 'varchar', length: 200 }) reason!: string;
  /** The business date the pace was measured on; null: not measured yet. */
  @Column({ type: 'varchar', length: 10, name: 'pace_date', nullable: true }) paceDate!: string | null;
  /** Net steps towards the target in the 14 days up to pace_date (plan.ts, VillagePace). */
  @Column({ type: 'integer', name: 'pace_steps', nullable: true }) paceSteps!: number | null;
  @Column({ type: 'integer', name: 'pace_open', nullable: true }) paceOpen!: number | null;
  @Column({ ...uuidColumn(), name: 'updated_by' }) updatedBy!: string;
  @Column({ ...instantColumn(), name: 'updated_at' }) updatedAt!: Date;
  @Column({ type: 'integer', default: 1 }) version!: number;
}
