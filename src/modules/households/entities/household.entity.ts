import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { instantColumn, uuidColumn, uuidPrimary } from '../../../database/column-types';

@Entity('household')
@Index(['villageId', 'stage'])
@Index(['cadreId', 'code'])
@Index(['townshipId', 'code'])
/** The planning module's pace: stage moves joined to their households' villages from the index alone. */
@Index('ix_household_id_village', ['id', 'villageId'])
export class HouseholdEntity {
  @PrimaryColumn(uuidPrimary()) id!: string;
  @Index({ unique: true }) @Column({ type: 'varchar', length: 40 }) code!: string;
  @Column({ ...uuidColumn(), name: 'village_id' }) villageId!: string;
  @Column({ ...uuidColumn(), name: 'township_id', nullable: true }) townshipId!: string | null;
  @Index() @Column({ ...uuidColumn(), name: 'task_force_id', nullable: true }) taskForceId!: string | null;
  @Column({ type: 'varchar', length: 40, name: 'group_name', nullable: true }) group!: string | null;
  @Index() @Column({ type: 'varchar', length: 50, name: 'head_name' }) headName!: string;
  @Column({ type: 'varchar', length: 255, name: 'head_id_enc' }) headIdEnc!: string;
  @Index() @Column({ type: 'varchar', length: 64, name: 'head_id_hash' }) headIdHash!: string;
  @Column({ type: 'varchar', length: 255, name: 'phone_enc', nullable: true }) phoneEnc!: string | null;
  /** Keyed hash of the head's phone: the same phone on two households is found without decrypting (duplicates). */
  @Index('ix_household_phone_hash')
  @Column({ type: 'varchar', length: 64, name: 'phone_hash', nullable: true })
  phoneHash!: string | null;
  @Column({ type: 'varchar', length: 200, nullable: true }) address!: string | null;
  /** ',low_income,disabled,' so one flag is found with LIKE on both databases. */
  @Column({ type: 'varchar', length: 200, default: '' }) flags!: string;
  @Column({ type: 'real', name: 'house_floor_area', nullable: true }) houseFloorArea!: number | null;
  @Column({ type: 'varchar', length: 20, name: 'house_structure', nullable: true }) houseStructure!:
    string | null;
  @Column({ ...uuidColumn(), name: 'cadre_id', nullable: true }) cadreId!: string | null;
  @Index() @Column({ type: 'varchar', length: 30, default: 'registered' }) stage!: string;
  @Column({ ...instantColumn(), name: 'stage_changed_at' }) stageChangedAt!: Date;
  @Column({ type: 'varchar', length: 30, name: 'intent_option', default: 'undecided' }) intentOption!: string;
  @Column({ type: 'varchar', length: 100, name: 'intent_site', nullable: true }) intentSite!: string | null;
  @Column({ type: 'varchar', length: 30, name: 'intent_livelihood', nullable: true }) intentLivelihood!:
    string | null;
  @Column({ ...instantColumn(), name: 'intent_recorded_at', nullable: true }) intentRecordedAt!: Date | null;
  @Column({ type: 'boolean', name: 'on_hold', default: false }) onHold!: boolean;
  @Column({ type: 'varchar', length: 20, name: 'hold_reason', nullable: true }) holdReason!: string | null;
  @Index() @Column({ type: 'varchar', length: 10, default: 'green' }) light!: string;
  @Column({ ...instantColumn(), name: 'last_visit_at', nullable: true }) lastVisitAt!: Date | null;
  @Column({ type: 'integer', name: 'open_problems', default: 0 }) openProblems!: number;
  @Column({ type: 'varchar', length: 500, nullable: true }) note!: string | null;
  @Column({ type: 'integer', default: 1 }) version!: number;
  @Column({ ...instantColumn(), name: 'created_at' }) createdAt!: Date;
  @Index() @Column({ ...instantColumn(), name: 'updated_at' }) updatedAt!: Date;
}
