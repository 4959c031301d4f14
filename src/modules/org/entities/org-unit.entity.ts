import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { instantColumn, uuidColumn, uuidPrimary } from '../../../database/column-types';

export const ORG_UNIT_KINDS = ['command_centre', 'township', 'village', 'task_force', 'unit'] as const;

export const ORG_UNIT_KIND_LABELS: Record<(typeof ORG_UNIT_KINDS)[number], string> = {
  command_centre: '指挥部',
  township: '乡镇',
  village: '村',
  task_force: '专班',
  unit: '单位',
};
export type OrgUnitKind = (typeof ORG_UNIT_KINDS)[number];

@Entity('org_unit')
export class OrgUnitEntity {
  @PrimaryColumn(uuidPrimary()) id!: string;
  @Column({ type: 'varchar', length: 100 }) name!: string;
  @Column({ type: 'varchar', length: 20 }) kind!: OrgUnitKind;
  @Index() @Column({ ...uuidColumn(), name: 'parent_id', nullable: true }) parentId!: string | null;
  @Index({ unique: true }) @Column({ type: 'varchar', length: 30, nullable: true }) code!: string | null;
  @Column({ ...instantColumn(), name: 'created_at' }) createdAt!: Date;
}
