import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { instantColumn, uuidColumn, uuidPrimary } from '../../../database/column-types';

@Entity('household_member')
/** Same name and birth date in another household: a likely duplicate person (the duplicates module). */
@Index('ix_member_name_birth_date', ['name', 'birthDate'])
export class MemberEntity {
  @PrimaryColumn(uuidPrimary()) id!: string;
  @Index() @Column({ ...uuidColumn(), name: 'household_id' }) householdId!: string;
  @Column({ type: 'varchar', length: 50 }) name!: string;
  @Column({ type: 'varchar', length: 255, name: 'id_enc' }) idEnc!: string;
  /** A resident ID belongs to at most one household: the keyed hash is unique across all members. */
  @Index('uq_member_id_hash', { unique: true })
  @Column({ type: 'varchar', length: 64, name: 'id_hash' })
  idHash!: string;
  @Column({ type: 'varchar', length: 10 }) sex!: string;
  @Column({ type: 'varchar', length: 10, name: 'birth_date' }) birthDate!: string;
  @Column({ type: 'varchar', length: 20 }) relation!: string;
  @Column({ type: 'varchar', length: 2, nullable: true }) ethnicity!: string | null;
  @Column({ type: 'varchar', length: 20, name: 'hukou_status', nullable: true }) hukouStatus!: string | null;
  @Column({ type: 'integer', default: 0 }) position!: number;
  @Column({ ...instantColumn(), name: 'created_at' }) createdAt!: Date;
}
