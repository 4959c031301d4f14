import { randomUUID } from 'node:crypto';
import { ErrorDetail } from '../../common/errors/domain-error';
import { PiiCipher } from '../../common/pii/pii-cipher';
import { MemberEntity } from './entities/member.entity';
import { normalizeResidentId, residentIdInfo } from '../../common/pii/resident-id';
import { SEXES } from './household.enums';

export interface MemberInput {
  name: string;
  idNumber: string;
  sex: string;
  birthDate: string;
  relation: string;
  ethnicity?: string | null;
  hukouStatus?: string | null;
}

/**
 * The household's members with exactly one head, head first. The head comes from headName/headIdNumber;
 * a listed head must be that same person. Every member's sex and birth date must agree with the ID number.
 */
export function normalizeMembers(
  headName: string,
  headIdNumber: string,
  members: MemberInput[] | undefined,
): { members: MemberInput[]; errors: ErrorDetail[] } {
  const errors: ErrorDetail[] = [];
  const headId = normalizeResidentId(headIdNumber);
  const list = (members ?? []).map((m) => ({ ...m, idNumber: normalizeResidentId(m.idNumber) }));
  const heads = list.filter((m) => m.relation === 'head');
  if (heads.length > 1) errors.push({ field: 'members', message: '一户只能有一名户主' });
  const listedHead = heads[0];
  if (listedHead && listedHead.idNumber !== headId) {
    errors.push({
      field: `members[${list.indexOf(listedHead)}].idNumber`,
      message: '户主的身份证号与 headIdNumber 不一致',
    });
  }
  const seen = new Map<string, number>();
  list.forEach((member, index) => {
    const info = residentIdInfo(member.idNumber);
    if (member.sex !== info.sex) {
      errors.push({
        field: `members[${index}].sex`,
        message: `性别与身份证号不符（身份证号显示为${SEXES[info.sex]}）`,
      });
    }
    if (member.birthDate !== info.birthDate) {
      errors.push({
        field: `members[${index}].birthDate`,
        message: `出生日期与身份证号不符（应为 ${info.birthDate}）`,
      });
    }
    const previous = seen.get(member.idNumber);
    if (previous !== undefined) {
      errors.push({
        field: `members[${index}].idNumber`,
        message: `与第 ${previous + 1} 名成员的身份证号重复`,
      });
    }
    seen.set(member.idNumber, index);
  });
  const others = list.filter((m) => m.relation !== 'head');
  if (others.some((m) => m.idNumber === headId)) {
    errors.push({ field: 'members', message: '户主不能以其他关系重复列入成员' });
  }
  const info = residentIdInfo(headId);
  const head: MemberInput = listedHead
    ? { ...listedHead, name: listedHead.name || headName }
    : { name: headName, idNumber: headId, sex: info.sex, birthDate: info.birthDate, relation: 'head' };
  return { members: [head, ...others], errors };
}

/** Member rows as stored: ID encrypted, keyed hash for uniqueness, list order kept as `position`. */
export function memberEntities(
  pii: PiiCipher,
  householdId: string,
  inputs: MemberInput[],
  now: Date,
): MemberEntity[] {
  return inputs.map((m, position) =>
    Object.assign(new MemberEntity(), {
      id: randomUUID(),
      householdId,
      name: m.name,
      idEnc: pii.encrypt(m.idNumber),
      idHash: pii.hash(m.idNumber),
      sex: m.sex,
      birthDate: m.birthDate,
      relation: m.relation,
      ethnicity: m.ethnicity ?? null,
      hukouStatus: m.hukouStatus ?? null,
      position,
      createdAt: now,
    }),
  );
}
