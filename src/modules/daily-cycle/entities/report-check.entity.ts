import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { instantColumn } from '../../../database/column-types';

/**
 * Each comparison of a stored daily report with the same day recomputed from the events (the nightly check,
 * docs/architecture.md "History"): it must find no difference; one that does is an alert.
 */
@Entity('report_check')
@Index('ix_report_check_date', ['date', 'id'])
export class ReportCheckEntity {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: 'varchar', length: 10 }) date!: string;
  @Column({ ...instantColumn(), name: 'checked_at' }) checkedAt!: Date;
  @Column({ type: 'integer' }) differences!: number;
  /** JSON: the first differences found (ReportDifference[]). */
  @Column({ type: 'text' }) detail!: string;
}
