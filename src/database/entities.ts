import { LoginFailureEntity } from '../modules/auth/entities/login-failure.entity';
import { AuditEntryEntity } from '../modules/audit/entities/audit-entry.entity';
import { HouseholdEntity } from '../modules/households/entities/household.entity';
import { MemberEntity } from '../modules/households/entities/member.entity';
import { OrgUnitEntity } from '../modules/org/entities/org-unit.entity';
import { UserEntity } from '../modules/users/entities/user.entity';

export const ENTITIES = [
  OrgUnitEntity,
  UserEntity,
  LoginFailureEntity,
  HouseholdEntity,
  MemberEntity,
  AuditEntryEntity,
];
