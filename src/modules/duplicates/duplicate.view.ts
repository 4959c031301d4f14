import { maskPhone, maskResidentId } from '../../common/pii/masking';
import { PiiCipher } from '../../common/pii/pii-cipher';
import { DuplicatePairView, DuplicatePersonView } from './dtos/duplicate.dto';
import { reasonsFromColumn } from './duplicate-labels';
import { PersonDetail } from './duplicates.repository';
import { DuplicatePairEntity } from './entities/duplicate-pair.entity';

export interface PairViewContext {
  /** The two people as they are now, by resident-ID hash (missing: merged or edited away). */
  people: Map<string, PersonDetail>;
  /** Code and head of households whose entry is gone. */
  labels: Map<string, { code: string; headName: string }>;
  deciders: Map<string, { id: string; displayName: string }>;
  reveal: boolean;
}

/** Entity → response: each side as it is now, or as last seen when its entry is gone; IDs and phones masked. */
export function duplicatePairView(
  pair: DuplicatePairEntity,
  pii: PiiCipher,
  context: PairViewContext,
): DuplicatePairView {
  const side = (
    hash: string,
    stored: { householdId: string; name: string; birthDate: string; relation: string },
  ) => {
    const person = context.people.get(hash);
    if (!person) {
      const label = context.labels.get(stored.householdId);
      return {
        householdId: stored.householdId,
        householdCode: label?.code ?? '',
        householdHeadName: label?.headName ?? '',
        villageId: null,
        name: stored.name,
        birthDate: stored.birthDate,
        relation: stored.relation,
        idNumber: null,
        phone: null,
        present: false,
      } satisfies DuplicatePersonView;
    }
    const idNumber = pii.decrypt(person.idEnc);
    const phone = pii.decryptOptional(person.phoneEnc);
    return {
      householdId: person.householdId,
      householdCode: person.code,
      householdHeadName: person.headName,
      villageId: person.villageId,
      name: person.name,
      birthDate: person.birthDate,
      relation: person.relation,
      idNumber: context.reveal ? idNumber : maskResidentId(idNumber),
      phone: context.reveal ? phone : maskPhone(phone),
      present: true,
    } satisfies DuplicatePersonView;
  };
  return {
    id: pair.id,
    status: pair.status,
    reasons: reasonsFromColumn(pair.reasons),
    a: side(pair.personAHash, {
      householdId: pair.householdAId,
      name: pair.nameA,
      birthDate: pair.birthDateA,
      relation: pair.relationA,
    }),
    b: side(pair.personBHash, {
      householdId: pair.householdBId,
      name: pair.nameB,
      birthDate: pair.birthDateB,
      relation: pair.relationB,
    }),
    decision: pair.decidedAt
      ? {
          decidedBy: pair.decidedBy ? (context.deciders.get(pair.decidedBy) ?? null) : null,
          decidedAt: pair.decidedAt.toISOString(),
          note: pair.decisionNote,
          keptHouseholdId: pair.keptHouseholdId,
        }
      : null,
    detectedAt: pair.detectedAt.toISOString(),
    updatedAt: pair.updatedAt.toISOString(),
    version: pair.version,
  };
}
