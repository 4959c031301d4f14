import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { instantColumn } from '../../../database/column-types';

/**
 * The chain's head after each sealing run, with a keyed MAC (the key lives outside the database): deleting the
 * newest entries leaves a checkpoint the chain no longer reaches, and a new checkpoint cannot be forged.
 */
@Entity('audit_checkpoint')
export class AuditCheckpointEntity {
  @PrimaryGeneratedColumn() id!: number;
  @Index('ix_audit_checkpoint_seal') @Column({ type: 'integer', name: 'seal_index' }) sealIndex!: number;
  @Column({ type: 'varchar', length: 64, name: 'head_hash' }) headHash!: string;
  @Column({ type: 'varchar', length: 64 }) mac!: string;
  @Column({ ...instantColumn() }) at!: Date;
}
