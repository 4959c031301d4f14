import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { instantColumn, uuidColumn, uuidPrimary } from '../../../database/column-types';
import type { Role } from '../../../common/policy/role';

@Entity('app_user')
export class UserEntity {
  @PrimaryColumn(uuidPrimary()) id!: string;
  @Index({ unique: true }) @Column({ type: 'varchar', length: 64 }) username!: string;
  @Column({ type: 'varchar', length: 100, name: 'display_name' }) displayName!: string;
  @Column({ type: 'varchar', length: 255, name: 'password_hash' }) passwordHash!: string;
  @Index() @Column({ type: 'varchar', length: 20 }) role!: Role;
  @Index() @Column({ ...uuidColumn(), name: 'org_unit_id', nullable: true }) orgUnitId!: string | null;
  @Column({ type: 'varchar', length: 255, name: 'phone_enc', nullable: true }) phoneEnc!: string | null;
  @Column({ type: 'boolean', default: true }) active!: boolean;
  @Column({ type: 'integer', default: 1 }) version!: number;
  /** In every token; a password change, role or unit change, or deactivation bumps it and so revokes them. */
  @Column({ type: 'integer', name: 'token_version', default: 1 }) tokenVersion!: number;
  @Column({ ...instantColumn(), name: 'created_at' }) createdAt!: Date;
  @Column({ ...instantColumn(), name: 'updated_at' }) updatedAt!: Date;
}
