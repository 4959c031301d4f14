import { randomUUID } from 'node:crypto';
import { PiiCipher } from '../../common/pii/pii-cipher';
import { OrgUnit } from '../org/org-directory';
import { HouseholdEntity } from './entities/household.entity';
import { flagsToColumn } from './household.view';

/** What a new household is made from, whether it comes through the API or a ledger row. */
export interface NewHouseholdInput {
  code: string;
  village: Pick<OrgUnit, 'id' | 'parentId'>;
  taskForceId?: string | null;
  group?: string | null;
  headName: string;
  /** Normalized (upper-case X, no spaces): it is encrypted and hashed as given. */
  headIdNumber: string;
  phone?: string | null;
  address?: string | null;
  flags?: string[];
  house?: { floorArea?: number | null; structure?: string | null } | null;
  cadreId?: string | null;
  note?: string | null;
}

/** A household as it starts: registered, undecided, not on hold, green, version 1. */
export function newHousehold(pii: PiiCipher, input: NewHouseholdInput, now: Date): HouseholdEntity {
  return Object.assign(new HouseholdEntity(), {
    id: randomUUID(),
    code: input.code,
    villageId: input.village.id,
    townshipId: input.village.parentId,
    taskForceId: input.taskForceId ?? null,
    group: input.group ?? null,
    headName: input.headName,
    headIdEnc: pii.encrypt(input.headIdNumber),
    headIdHash: pii.hash(input.headIdNumber),
    phoneEnc: pii.encryptOptional(input.phone),
    phoneHash: input.phone ? pii.hash(input.phone) : null,
    address: input.address ?? null,
    flags: flagsToColumn(input.flags),
    houseFloorArea: input.house?.floorArea ?? null,
    houseStructure: input.house?.structure ?? null,
    cadreId: input.cadreId ?? null,
    stage: 'registered',
    stageChangedAt: now,
    intentOption: 'undecided',
    intentSite: null,
    intentLivelihood: null,
    intentRecordedAt: null,
    onHold: false,
    holdReason: null,
    light: 'green',
    lastVisitAt: null,
    openProblems: 0,
    note: input.note ?? null,
    version: 1,
    createdAt: now,
    updatedAt: now,
  });
}
