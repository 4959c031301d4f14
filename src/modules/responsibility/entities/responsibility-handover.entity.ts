import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { instantColumn, uuidColumn, uuidPrimary } from '../../../database/column-types';

/** One change of a role's holder at a scope (交接): from, to (null: cleared, inherit again), by, when, why. */
@Entity('responsibility_handover')
@Index('ix_responsibility_handover_scope', ['scopeType', 'scopeId', 'at'])
export class ResponsibilityHandoverEntity {
  @PrimaryColumn(uuidPrimary()) id!: string;
  @Column({ type: 'varchar', length: 20, name: 'scope_type' }) scopeType!: string;
  @Column({ ...uuidColumn(), name: 'scope_id' }) scopeId!: string;
  @Column({ type: 'varchar', length: 30 }) role!: string;
  @Column({ ...uuidColumn(), name: 'from_holder_id', nullable: true }) fromHolderId!: string | null;
  @Column({ ...uuidColumn(), name: 'to_holder_id', nullable: true }) toHolderId!: string | null;
  @Column({ ...uuidColumn(), name: 'by_user_id', nullable: true }) byUserId!: string | null;
  @Column({ ...instantColumn() }) at!: Date;
  @Column({ type: 'varchar', length: 200, nullable: true }) reason!: string | null;
}
