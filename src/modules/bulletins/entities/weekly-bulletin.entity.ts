import { Column, Entity, PrimaryColumn } from 'typeorm';
import { instantColumn } from '../../../database/column-types';

/** Immutable once written, like the daily report: one row per week (SnapshotStore). */
@Entity('weekly_bulletin')
export class WeeklyBulletinEntity {
  @PrimaryColumn({ type: 'varchar', length: 10, name: 'week_start' }) weekStart!: string;
  @Column({ ...instantColumn(), name: 'generated_at' }) generatedAt!: Date;
  @Column({ type: 'text' }) body!: string;
  @Column({ type: 'varchar', length: 64, name: 'body_hash' }) bodyHash!: string;
  /** JSON `{ metricId: version }`; null: stored before metric versioning. */
  @Column({ type: 'text', name: 'metric_versions', nullable: true }) metricVersions!: string | null;
}
