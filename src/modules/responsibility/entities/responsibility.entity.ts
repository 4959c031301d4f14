import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { instantColumn, uuidColumn, uuidPrimary } from '../../../database/column-types';

/**
 * Who holds a role of the 包保 matrix at a scope (a village, a task force, or one household as an override): one
 * row at most per scope and role. No row: the household inherits (village, then task force).
 */
@Entity('responsibility')
@Index('uq_responsibility_scope_role', ['scopeType', 'scopeId', 'role'], { unique: true })
@Index('ix_responsibility_holder', ['holderId'])
export class ResponsibilityEntity {
  @PrimaryColumn(uuidPrimary()) id!: string;
  @Column({ type: 'varchar', length: 20, name: 'scope_type' }) scopeType!: string;
  @Column({ ...uuidColumn(), name: 'scope_id' }) scopeId!: string;
  @Column({ type: 'varchar', length: 30 }) role!: string;
  /** A user for the leaders, an org unit for the backing unit. */
  @Column({ ...uuidColumn(), name: 'holder_id' }) holderId!: string;
  @Column({ ...instantColumn() }) since!: Date;
  @Column({ ...uuidColumn(), name: 'set_by', nullable: true }) setBy!: string | null;
}
