import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { instantColumn } from '../../database/column-types';

export type JobRunStatus = 'queued' | 'running' | 'done' | 'skipped' | 'failed';

/** One row per (job name, idempotency key): the record of that run, whichever driver and worker ran it. */
@Entity('job_runs')
@Index('uq_job_runs_name_key', ['name', 'key'], { unique: true })
export class JobRunEntity {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: 'varchar', length: 40 }) name!: string;
  @Column({ type: 'varchar', length: 200 }) key!: string;
  @Index('ix_job_runs_status') @Column({ type: 'varchar', length: 10 }) status!: JobRunStatus;
  @Column({ type: 'integer', default: 0 }) attempts!: number;
  @Column({ type: 'text', nullable: true }) error!: string | null;
  /** The handler's detail, as JSON. */
  @Column({ type: 'text', nullable: true }) result!: string | null;
  /** While running: the lease; a run whose lease has passed belongs to a dead worker and may be taken over. */
  @Column({ ...instantColumn({ name: 'locked_until', nullable: true }) }) lockedUntil!: Date | null;
  @Column({ ...instantColumn({ name: 'started_at', nullable: true }) }) startedAt!: Date | null;
  @Column({ ...instantColumn({ name: 'finished_at', nullable: true }) }) finishedAt!: Date | null;
  @Column({ ...instantColumn({ name: 'created_at' }) }) createdAt!: Date;
}
