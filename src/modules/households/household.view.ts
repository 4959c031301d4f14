import { maskPhone, maskResidentId } from '../../common/pii/masking';
import { PiiCipher } from '../../common/pii/pii-cipher';
import { HouseholdResponseDto, MemberResponseDto } from './dtos/household.dto';
import { HouseholdEntity } from './entities/household.entity';
import { MemberEntity } from './entities/member.entity';
import { AuditRecord } from '../audit/audit.service';

export const flagsToColumn = (flags: string[] | undefined): string =>
  flags?.length ? `,${flags.join(',')},` : '';
export const flagsFromColumn = (column: string): string[] => column.split(',').filter(Boolean);

/** Entity → response, masking personal data unless `reveal` was allowed (and audited) by the caller. */
export function householdView(
  household: HouseholdEntity,
  pii: PiiCipher,
  options: {
    reveal: boolean;
    cadre: { id: string; displayName: string } | null;
    /** Its light's reasons, stored apart from the row (HouseholdDerived.reasonsOf). */
    lightReasons: string[];
    members?: MemberEntity[];
  },
): HouseholdResponseDto {
  const headId = pii.decrypt(household.headIdEnc);
  const phone = pii.decryptOptional(household.phoneEnc);
  return {
    id: household.id,
    code: household.code,
    headName: household.headName,
    headIdNumber: options.reveal ? headId : maskResidentId(headId)!,
    phone: options.reveal ? phone : maskPhone(phone),
    villageId: household.villageId,
    townshipId: household.townshipId,
    taskForceId: household.taskForceId,
    group: household.group,
    address: household.address,
    stage: household.stage,
    intent: {
      option: household.intentOption,
      site: household.intentSite,
      livelihood: household.intentLivelihood,
      recordedAt: household.intentRecordedAt?.toISOString() ?? null,
    },
    cadre: options.cadre,
    onHold: household.onHold,
    holdReason: household.holdReason,
    light: household.light,
    lightReasons: options.lightReasons,
    flags: flagsFromColumn(household.flags),
    house:
      household.houseFloorArea === null && household.houseStructure === null
        ? null
        : { floorArea: household.houseFloorArea, structure: household.houseStructure },
    ...(options.members ? { members: options.members.map((m) => memberView(m, pii, options.reveal)) } : {}),
    lastVisitAt: household.lastVisitAt?.toISOString() ?? null,
    openProblems: household.openProblems,
    note: household.note,
    version: household.version,
    createdAt: household.createdAt.toISOString(),
    updatedAt: household.updatedAt.toISOString(),
  };
}

export function memberView(member: MemberEntity, pii: PiiCipher, reveal: boolean): MemberResponseDto {
  const idNumber = pii.decrypt(member.idEnc);
  return {
    id: member.id,
    name: member.name,
    idNumber: reveal ? idNumber : maskResidentId(idNumber)!,
    sex: member.sex,
    birthDate: member.birthDate,
    relation: member.relation,
    ethnicity: member.ethnicity,
    hukouStatus: member.hukouStatus,
  };
}

/** What the audit log records of a household (personal data only as "changed"). */
export function householdAuditView(
  household: HouseholdEntity,
  pii: PiiCipher,
  members?: MemberEntity[],
): Record<string, unknown> {
  return {
    code: household.code,
    headName: household.headName,
    headIdNumber: household.headIdHash,
    phone: pii.decryptOptional(household.phoneEnc),
    villageId: household.villageId,
    taskForceId: household.taskForceId,
    group: household.group,
    address: household.address,
    flags: flagsFromColumn(household.flags),
    houseFloorArea: household.houseFloorArea,
    houseStructure: household.houseStructure,
    cadreId: household.cadreId,
    note: household.note,
    ...(members ? { members: members.map((m) => `${m.name}/${m.relation}/${m.idHash.slice(0, 8)}`) } : {}),
  };
}

/** The audit entry of revealing a household's resident IDs and phones in full (`context`: e.g. the export). */
export function householdRevealAudit(
  householdId: string,
  context: Record<string, unknown> = {},
): AuditRecord {
  return {
    action: 'reveal',
    entityType: 'household',
    entityId: householdId,
    context: { fields: ['headIdNumber', 'phone', 'members.idNumber'], ...context },
  };
}
