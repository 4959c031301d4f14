import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { instantColumn, uuidColumn, uuidPrimary } from '../../../database/column-types';
import type { OrgUnitKind } from '../org-unit-kinds';

@Entity('org_unit')
export class OrgUnitEntity {
  @PrimaryColumn(uuidPrimary()) id!: string;
  @Column({ type: 'varchar', length: 100 }) name!: string;
  @Column({ type: 'varchar', length: 20 }) kind!: OrgUnitKind;
  @Index() @Column({ ...uuidColumn(), name: 'parent_id', nullable: true }) parentId!: string | null;
  @Index({ unique: true }) @Column({ type: 'varchar', length: 30, nullable: true }) code!: string | null;
  @Column({ ...instantColumn(), name: 'created_at' }) createdAt!: Date;
}
