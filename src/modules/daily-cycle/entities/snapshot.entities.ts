import { Column, Entity, PrimaryColumn } from 'typeorm';
import { instantColumn } from '../../../database/column-types';

/** Immutable once written: a second run for the same date finds it and replaces nothing. */
@Entity('daily_report')
export class DailyReportEntity {
  @PrimaryColumn({ type: 'varchar', length: 10 }) date!: string;
  @Column({ ...instantColumn(), name: 'generated_at' }) generatedAt!: Date;
  @Column({ type: 'text' }) body!: string;
  @Column({ type: 'varchar', length: 64, name: 'body_hash' }) bodyHash!: string;
  /** JSON `{ metricId: version }`; null: stored before metric versioning. */
  @Column({ type: 'text', name: 'metric_versions', nullable: true }) metricVersions!: string | null;
}

@Entity('daily_review')
export class DailyReviewEntity {
  @PrimaryColumn({ type: 'varchar', length: 10 }) date!: string;
  @Column({ ...instantColumn(), name: 'generated_at' }) generatedAt!: Date;
  @Column({ type: 'text' }) body!: string;
  @Column({ type: 'varchar', length: 64, name: 'body_hash' }) bodyHash!: string;
}
