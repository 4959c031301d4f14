import { PiiCipher } from '../../common/pii/pii-cipher';
import { MemberInput, memberEntities } from '../households/household-members';
import { newHousehold } from '../households/new-household';
import { flagsFromColumn, flagsToColumn } from '../households/household.view';
import { IntentInput } from '../intents/intents.service';
import { CheckedHousehold } from './ledger-checked-household';
import { intentChanged } from './ledger-checker';
import { Household, HouseholdMember, householdRow } from '../households/household-access';

/** What one household of the file will write: a new household, or the changes to an existing one. */
export interface WritePlan {
  kind: 'create' | 'update';
  source: CheckedHousehold;
  /** The household as it will be after the write (for updates: the stored one with the changes applied). */
  entity: Household;
  before: Household | null;
  beforeMembers: HouseholdMember[];
  /** Column changes of an update (null: only the intent or the members change). */
  fields: Partial<Household> | null;
  /** The new member rows (null: members unchanged). */
  members: HouseholdMember[] | null;
  intent: IntentInput | null;
}

const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((v) => b.includes(v));

const memberKey = (m: MemberInput) =>
  JSON.stringify([
    m.name,
    m.idNumber,
    m.sex,
    m.birthDate,
    m.relation,
    m.ethnicity ?? null,
    m.hukouStatus ?? null,
  ]);

/** Turns checked rows into entities, like HouseholdsService.create/update do; null when nothing changes. */
export class LedgerPlanner {
  constructor(
    private readonly pii: PiiCipher,
    private readonly now: Date,
  ) {}

  plan(household: CheckedHousehold): WritePlan | null {
    return household.existing ? this.update(household) : this.create(household);
  }

  private create(source: CheckedHousehold): WritePlan {
    const { draft } = source;
    const entity = newHousehold(this.pii, { ...draft, code: source.code, village: draft.village! }, this.now);
    return {
      kind: 'create',
      source,
      entity,
      before: null,
      beforeMembers: [],
      fields: null,
      members: this.memberEntities(entity.id, source.members!),
      intent: intentChanged(null, draft.intent) ? { ...draft.intent! } : null,
    };
  }

  private update(source: CheckedHousehold): WritePlan | null {
    const { draft } = source;
    const existing = source.existing!;
    const before = existing.entity;
    const village = draft.village!;
    const fields: Partial<Household> = {};
    const set = <K extends keyof Household>(key: K, value: Household[K] | undefined) => {
      if (value !== undefined && value !== before[key]) fields[key] = value;
    };
    set('headName', draft.headName);
    if (draft.headIdNumber !== existing.headId) {
      fields.headIdEnc = this.pii.encrypt(draft.headIdNumber);
      fields.headIdHash = this.pii.hash(draft.headIdNumber);
    }
    if (draft.phone !== undefined && draft.phone !== existing.phone) {
      fields.phoneEnc = this.pii.encryptOptional(draft.phone);
      fields.phoneHash = draft.phone ? this.pii.hash(draft.phone) : null;
    }
    set('villageId', village.id);
    set('townshipId', village.parentId);
    set('group', draft.group);
    set('address', draft.address);
    set('note', draft.note);
    if (draft.flags && !sameSet(draft.flags, flagsFromColumn(before.flags)))
      fields.flags = flagsToColumn(draft.flags);
    if (draft.house !== undefined) {
      set('houseFloorArea', draft.house?.floorArea ?? null);
      set('houseStructure', draft.house?.structure ?? null);
    }
    set('cadreId', draft.cadreId);

    const current = existing.members.map((m, i) => memberKey({ ...m, idNumber: existing.memberIds[i] }));
    const target = source.members!;
    const membersChanged =
      current.length !== target.length || target.some((m, i) => memberKey(m) !== current[i]);
    const intent = intentChanged(existing, draft.intent) ? { ...draft.intent! } : null;
    const changed = Object.keys(fields).length > 0;
    if (!changed && !membersChanged && !intent) return null;
    if (changed || membersChanged) fields.updatedAt = this.now;
    const bumped = changed || membersChanged ? 1 : 0;
    return {
      kind: 'update',
      source,
      entity: householdRow(before, fields, { version: before.version + bumped }),
      before,
      beforeMembers: existing.members,
      fields: changed || membersChanged ? fields : null,
      members: membersChanged ? this.memberEntities(before.id, target) : null,
      intent,
    };
  }

  private memberEntities(householdId: string, inputs: MemberInput[]): HouseholdMember[] {
    return memberEntities(this.pii, householdId, inputs, this.now);
  }
}
