import { PiiCipher } from '../../common/pii/pii-cipher';
import { HouseholdEntity } from './entities/household.entity';
import { MemberEntity } from './entities/member.entity';

/**
 * The fields of a PATCH that really differ from the stored household. Encrypted columns are compared by what
 * they hold (a fresh IV makes every ciphertext new), the head's ID by its keyed hash.
 */
export function changedFields(
  before: HouseholdEntity,
  fields: Partial<HouseholdEntity>,
  pii: PiiCipher,
): Partial<HouseholdEntity> {
  const changed: Partial<HouseholdEntity> = {};
  for (const [key, value] of Object.entries(fields) as [keyof HouseholdEntity, unknown][]) {
    const same =
      key === 'phoneEnc'
        ? pii.decryptOptional(value as string | null) === pii.decryptOptional(before.phoneEnc)
        : key === 'headIdEnc'
          ? fields.headIdHash === before.headIdHash
          : (value ?? null) === (before[key] ?? null);
    if (!same) Object.assign(changed, { [key]: value });
  }
  return changed;
}

/** Whether two member lists say the same thing, in the same order (ids and timestamps aside). */
export function sameMembers(a: MemberEntity[], b: MemberEntity[]): boolean {
  const facts = (m: MemberEntity) =>
    [m.name, m.idHash, m.sex, m.birthDate, m.relation, m.ethnicity ?? null, m.hukouStatus ?? null].join(
      '\u0001',
    );
  const order = (list: MemberEntity[]) => [...list].sort((x, y) => x.position - y.position).map(facts);
  return JSON.stringify(order(a)) === JSON.stringify(order(b));
}
