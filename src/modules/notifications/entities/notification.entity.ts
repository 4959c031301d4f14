import { Column, Entity, PrimaryColumn } from 'typeorm';
import { instantColumn, uuidColumn, uuidPrimary } from '../../../database/column-types';

@Entity('notification')
export class NotificationEntity {
  @PrimaryColumn(uuidPrimary()) id!: string;
  @Column({ ...uuidColumn(), name: 'user_id' }) userId!: string;
  @Column({ type: 'varchar', length: 30 }) kind!: string;
  @Column({ type: 'varchar', length: 200 }) title!: string;
  @Column({ type: 'varchar', length: 2000 }) body!: string;
  @Column({ ...uuidColumn(), name: 'task_id', nullable: true }) taskId!: string | null;
  /** One notification per user and key (e.g. the task id): a re-run dispatch notifies nobody twice. */
  @Column({ type: 'varchar', length: 120, name: 'dedupe_key' }) dedupeKey!: string;
  @Column({ ...instantColumn(), name: 'created_at' }) createdAt!: Date;
  @Column({ ...instantColumn(), name: 'read_at', nullable: true }) readAt!: Date | null;
}
