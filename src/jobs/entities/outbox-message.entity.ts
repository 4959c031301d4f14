import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { instantColumn } from '../../database/column-types';

/** A job to enqueue, written in the same transaction as the change that causes it; the relay sends it after. */
@Entity('outbox')
@Index('ix_outbox_unsent', ['sentAt', 'id'])
export class OutboxMessageEntity {
  @PrimaryGeneratedColumn() id!: number;
  /** The JobName. */
  @Column({ type: 'varchar', length: 40 }) name!: string;
  /** The payload, as JSON. */
  @Column({ type: 'text' }) payload!: string;
  /** The deterministic job id to enqueue under; null means the catalogue's (`name:key`). */
  @Column({ type: 'varchar', length: 250, name: 'job_id', nullable: true }) jobId!: string | null;
  @Column({ ...instantColumn({ name: 'created_at' }) }) createdAt!: Date;
  @Column({ ...instantColumn({ name: 'sent_at', nullable: true }) }) sentAt!: Date | null;
  @Column({ type: 'integer', default: 0 }) attempts!: number;
  @Column({ type: 'text', name: 'last_error', nullable: true }) lastError!: string | null;
}
