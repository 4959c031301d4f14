import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { instantColumn } from '../../../database/column-types';

/**
 * Append-only. Rows are inserted unsealed inside the writer's transaction (no lock on the chain); the
 * sealer later gives them consecutive seal numbers and hashes each with the previous entry's hash.
 */
@Entity('audit_entry')
@Index(['entityType', 'entityId'])
export class AuditEntryEntity {
  @PrimaryGeneratedColumn() id!: number;
  @Index() @Column({ ...instantColumn() }) at!: Date;
  @Index() @Column({ type: 'varchar', length: 36, name: 'actor_id', nullable: true }) actorId!: string | null;
  @Column({ type: 'varchar', length: 20, name: 'actor_role', nullable: true }) actorRole!: string | null;
  @Column({ type: 'varchar', length: 40 }) action!: string;
  @Column({ type: 'varchar', length: 40, name: 'entity_type' }) entityType!: string;
  @Column({ type: 'varchar', length: 64, name: 'entity_id' }) entityId!: string;
  /** Set on every entry about a household (its own and its visits', problems', approvals'): the timeline. */
  @Column({ type: 'varchar', length: 36, name: 'household_id', nullable: true }) householdId!: string | null;
  @Column({ type: 'text', default: '{}' }) changes!: string;
  @Column({ type: 'varchar', length: 64, name: 'request_id', nullable: true }) requestId!: string | null;
  @Index('uq_audit_seal', { unique: true })
  @Column({ type: 'integer', name: 'seal_index', nullable: true })
  sealIndex!: number | null;
  @Column({ type: 'varchar', length: 64, nullable: true }) hash!: string | null;
  @Column({ type: 'varchar', length: 64, name: 'prev_hash', nullable: true }) prevHash!: string | null;
}
