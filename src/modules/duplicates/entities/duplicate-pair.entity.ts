import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { instantColumn, uuidColumn, uuidPrimary } from '../../../database/column-types';

/**
 * Two people of two households who are likely the same person, with the evidence (`reasons`) and the command
 * centre's decision. People are named by their resident-ID keyed hash (member rows are replaced on every edit);
 * names, birth dates and relations are kept as seen when last detected, so a merged-away entry can still be shown.
 */
@Entity('duplicate_pair')
@Index('ix_duplicate_pair_household_a', ['householdAId'])
@Index('ix_duplicate_pair_household_b', ['householdBId'])
@Index('ix_duplicate_pair_status', ['status', 'detectedAt'])
export class DuplicatePairEntity {
  @PrimaryColumn(uuidPrimary()) id!: string;
  /** The two hashes in order, joined by ':': one row per pair of people, whichever side was seen first. */
  @Index('uq_duplicate_pair_key', { unique: true })
  @Column({ type: 'varchar', length: 129, name: 'pair_key' })
  pairKey!: string;
  @Column({ type: 'varchar', length: 64, name: 'person_a_hash' }) personAHash!: string;
  @Column({ type: 'varchar', length: 64, name: 'person_b_hash' }) personBHash!: string;
  @Column({ ...uuidColumn(), name: 'household_a_id' }) householdAId!: string;
  @Column({ ...uuidColumn(), name: 'household_b_id' }) householdBId!: string;
  @Column({ type: 'varchar', length: 50, name: 'name_a' }) nameA!: string;
  @Column({ type: 'varchar', length: 50, name: 'name_b' }) nameB!: string;
  @Column({ type: 'varchar', length: 10, name: 'birth_date_a' }) birthDateA!: string;
  @Column({ type: 'varchar', length: 10, name: 'birth_date_b' }) birthDateB!: string;
  @Column({ type: 'varchar', length: 20, name: 'relation_a' }) relationA!: string;
  @Column({ type: 'varchar', length: 20, name: 'relation_b' }) relationB!: string;
  /** ',name_birth,phone,' (DUPLICATE_REASONS). */
  @Column({ type: 'varchar', length: 60 }) reasons!: string;
  @Column({ type: 'varchar', length: 20, default: 'open' }) status!: string;
  @Column({ ...uuidColumn(), name: 'decided_by', nullable: true }) decidedBy!: string | null;
  @Column({ ...instantColumn(), name: 'decided_at', nullable: true }) decidedAt!: Date | null;
  @Column({ type: 'varchar', length: 200, name: 'decision_note', nullable: true }) decisionNote!:
    string | null;
  @Column({ ...uuidColumn(), name: 'kept_household_id', nullable: true }) keptHouseholdId!: string | null;
  @Column({ ...instantColumn(), name: 'detected_at' }) detectedAt!: Date;
  @Column({ ...instantColumn(), name: 'updated_at' }) updatedAt!: Date;
  @Column({ type: 'integer', default: 1 }) version!: number;
}
