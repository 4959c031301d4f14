import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { instantColumn, uuidColumn } from '../../../database/column-types';

@Entity('problem_event')
export class ProblemEventEntity {
  /** A sequence: events of one problem keep their order even within one millisecond. */
  @PrimaryGeneratedColumn() id!: number;
  @Column({ ...uuidColumn(), name: 'problem_id' }) problemId!: string;
  @Column({ type: 'varchar', length: 30 }) kind!: string;
  @Column({ type: 'varchar', length: 20, name: 'from_status', nullable: true }) fromStatus!: string | null;
  @Column({ type: 'varchar', length: 20, name: 'to_status', nullable: true }) toStatus!: string | null;
  @Column({ type: 'varchar', length: 2000, nullable: true }) note!: string | null;
  @Column({ type: 'varchar', length: 36, name: 'actor_id' }) actorId!: string;
  @Column({ ...instantColumn() }) at!: Date;
  /** The deadline in force after this event (交办 may move it); null on events older than the column. */
  @Column({ ...instantColumn(), name: 'due_at', nullable: true }) dueAt!: Date | null;
}
