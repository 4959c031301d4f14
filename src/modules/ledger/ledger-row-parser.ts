import { maskPhone, maskResidentId } from '../../common/pii/masking';
import { residentIdInfo } from '../../common/pii/resident-id';
import {
  HOUSE_STRUCTURES,
  HOUSEHOLD_FLAGS,
  INTENT_OPTIONS,
  LIVELIHOODS,
  RELATIONS,
  SEXES,
} from '../households/household.enums';
import { OrgUnitEntity } from '../org/entities/org-unit.entity';
import { STAGE_LABELS } from '../stages/stages';
import { ExistingHousehold, LedgerContext } from './ledger-context';
import { Issues } from './ledger-issues';
import { HouseholdSheet, MemberSheet, SheetRow } from './ledger-sheet';
import {
  cleanIdNumber,
  cleanPhone,
  invalidChoice,
  isMasked,
  parseArea,
  parseDate,
  parseEnum,
  parseEthnicity,
  parseRelation,
  splitList,
} from './ledger-values';

export interface IntentTarget {
  option: string;
  site: string | null;
  livelihood: string | null;
}

/** A ledger row as API values; `undefined` means the file leaves that field as it is. */
export interface HouseholdDraft {
  headName: string;
  headIdNumber: string;
  village: OrgUnitEntity | null;
  phone?: string | null;
  group?: string | null;
  address?: string | null;
  note?: string | null;
  flags?: string[];
  house?: { floorArea: number; structure: string } | null;
  cadreId?: string;
  stage?: string;
  intent?: IntentTarget;
}

export interface MemberDraft {
  row: SheetRow;
  name: string;
  idNumber: string;
  sex: string;
  birthDate: string;
  relation: string;
  ethnicity?: string;
  /** Sex and birth date left blank: taken from the resident ID. */
  derived: { sex: boolean; birthDate: boolean };
}

const REQUIRED = '不能为空';
const MASKED_ID = '身份证号已遮蔽（含*），请填写完整号码';

const orNull = (text: string | undefined): string | null | undefined =>
  text === undefined ? undefined : text === '' ? null : text;

/** Reads one 户籍台账 row; every problem is recorded on the row, the draft keeps what could be read. */
export function parseHouseholdRow(
  sheet: HouseholdSheet,
  row: SheetRow,
  context: LedgerContext,
  existing: ExistingHousehold | null,
  issues: Issues,
): HouseholdDraft {
  const get = (key: Parameters<HouseholdSheet['get']>[1]) => sheet.get(row, key);
  const headName = get('headName') ?? '';
  if (!headName) issues.household(row, 'headName', REQUIRED);
  let headIdNumber = cleanIdNumber(get('headIdNumber') ?? '');
  if (!headIdNumber) issues.household(row, 'headIdNumber', REQUIRED);
  else if (isMasked(headIdNumber)) {
    if (existing && maskResidentId(existing.headId) === headIdNumber) headIdNumber = existing.headId;
    else issues.household(row, 'headIdNumber', MASKED_ID);
  }
  const draft: HouseholdDraft = {
    headName,
    headIdNumber,
    village: resolveVillage(sheet, row, context, issues),
    group: orNull(get('group')),
    address: orNull(get('address')),
    note: orNull(get('note')),
  };

  const phone = get('phone');
  if (phone !== undefined) {
    const cleaned = cleanPhone(phone);
    if (isMasked(cleaned)) {
      if (existing?.phone && maskPhone(existing.phone) === cleaned) draft.phone = existing.phone;
      else issues.household(row, 'phone', '手机号已遮蔽（含*），请填写完整号码');
    } else draft.phone = cleaned || null;
  }

  const flags = get('flags');
  if (flags !== undefined) {
    const values: string[] = [];
    for (const part of splitList(flags)) {
      const value = parseEnum(HOUSEHOLD_FLAGS, part);
      if (value) values.push(value);
      else issues.household(row, 'flags', invalidChoice(HOUSEHOLD_FLAGS, part));
    }
    draft.flags = values;
  }

  if (sheet.has('floorArea') || sheet.has('structure'))
    draft.house = parseHouse(sheet, row, existing, issues);

  const cadre = get('cadre');
  if (cadre) {
    const found = context.resolveCadre(cadre, existing?.entity.cadreId ?? null);
    if (!found.ok) issues.household(row, 'cadre', found.error);
    else draft.cadreId = found.value.id;
  }

  const stage = get('stage');
  if (stage) {
    const value = parseEnum(STAGE_LABELS, stage);
    if (value) draft.stage = value;
    else issues.household(row, 'stage', invalidChoice(STAGE_LABELS, stage));
  }

  draft.intent = parseIntent(sheet, row, issues);
  return draft;
}

function resolveVillage(
  sheet: HouseholdSheet,
  row: SheetRow,
  context: LedgerContext,
  issues: Issues,
): OrgUnitEntity | null {
  const townshipText = sheet.get(row, 'township') ?? '';
  let township: OrgUnitEntity | null = null;
  if (townshipText) {
    const found = context.resolveTownship(townshipText);
    if (!found.ok) {
      issues.household(row, 'township', found.error);
      return null;
    }
    township = found.value;
  }
  const villageText = sheet.get(row, 'village') ?? '';
  if (!villageText) {
    issues.household(row, 'village', REQUIRED);
    return null;
  }
  const found = context.resolveVillage(villageText, township);
  if (!found.ok) {
    issues.household(row, 'village', found.error);
    return null;
  }
  return found.value;
}

function parseHouse(
  sheet: HouseholdSheet,
  row: SheetRow,
  existing: ExistingHousehold | null,
  issues: Issues,
): { floorArea: number; structure: string } | null | undefined {
  // A file with only one of the two columns changes only that half.
  const areaText = sheet.get(row, 'floorArea') ?? existing?.entity.houseFloorArea?.toString() ?? '';
  const structureText = sheet.get(row, 'structure') ?? existing?.entity.houseStructure ?? '';
  if (!areaText && !structureText) return null;
  const floorArea = parseArea(areaText);
  const structure = structureText ? parseEnum(HOUSE_STRUCTURES, structureText) : null;
  let ok = true;
  if (floorArea === null) {
    issues.household(row, 'floorArea', '填写了房屋结构时，主房面积不能为空');
    ok = false;
  } else if (Number.isNaN(floorArea)) {
    issues.household(row, 'floorArea', '必须是数字（单位：平方米）');
    ok = false;
  }
  if (!structureText) {
    issues.household(row, 'structure', '填写了主房面积时，房屋结构不能为空');
    ok = false;
  } else if (!structure) {
    issues.household(row, 'structure', invalidChoice(HOUSE_STRUCTURES, structureText));
    ok = false;
  }
  return ok ? { floorArea: floorArea!, structure: structure! } : undefined;
}

function parseIntent(sheet: HouseholdSheet, row: SheetRow, issues: Issues): IntentTarget | undefined {
  const optionText = sheet.get(row, 'intentOption') ?? '';
  const site = sheet.get(row, 'intentSite') ?? '';
  const livelihoodText = sheet.get(row, 'livelihood') ?? '';
  if (!optionText) {
    if (site || livelihoodText)
      issues.household(row, 'intentOption', '填写安置点或生计方式时，安置意愿不能为空');
    return undefined;
  }
  const option = parseEnum(INTENT_OPTIONS, optionText);
  if (!option) issues.household(row, 'intentOption', invalidChoice(INTENT_OPTIONS, optionText));
  let livelihood: string | null = null;
  if (livelihoodText) {
    livelihood = parseEnum(LIVELIHOODS, livelihoodText);
    if (!livelihood) issues.household(row, 'livelihood', invalidChoice(LIVELIHOODS, livelihoodText));
  }
  return option ? { option, site: site || null, livelihood } : undefined;
}

/**
 * The stored resident ID a masked one stands for, among the household's current members. The mask hides the
 * birth date, so two members can share one (same area code, same last four): the row's birth date, then its
 * name, tell them apart. Null when nothing, or more than one member, still matches.
 */
function unmaskMember(
  existing: ExistingHousehold | null,
  masked: string,
  name: string,
  birthDate: string,
): string | null {
  if (!existing) return null;
  let candidates = existing.memberIds
    .map((id, i) => ({ id, name: existing.members[i].name }))
    .filter((member) => maskResidentId(member.id) === masked);
  for (const same of [
    (member: { id: string }) => residentIdInfo(member.id).birthDate === birthDate,
    (member: { name: string }) => member.name === name,
  ]) {
    if (candidates.length > 1) candidates = candidates.filter(same);
  }
  return candidates.length === 1 ? candidates[0].id : null;
}

/** Reads one 家庭成员 row. A masked ID is matched against the household's current members. */
export function parseMemberRow(
  sheet: MemberSheet,
  row: SheetRow,
  existing: ExistingHousehold | null,
  issues: Issues,
): MemberDraft {
  const get = (key: Parameters<MemberSheet['get']>[1]) => sheet.get(row, key) ?? '';
  const name = get('name');
  if (!name) issues.member(row, 'name', REQUIRED);
  const birthText = get('birthDate');
  let idNumber = cleanIdNumber(get('idNumber'));
  if (!idNumber) issues.member(row, 'idNumber', REQUIRED);
  else if (isMasked(idNumber)) {
    const stored = unmaskMember(existing, idNumber, name, birthText ? parseDate(birthText) : '');
    if (stored) idNumber = stored;
    else issues.member(row, 'idNumber', MASKED_ID);
  }
  const sexText = get('sex');
  const sex = sexText ? parseEnum(SEXES, sexText) : null;
  if (sexText && !sex) issues.member(row, 'sex', invalidChoice(SEXES, sexText));
  const relationText = get('relation');
  const relation = relationText ? parseRelation(relationText) : null;
  if (!relationText) issues.member(row, 'relation', REQUIRED);
  else if (!relation) issues.member(row, 'relation', invalidChoice(RELATIONS, relationText));
  const ethnicityText = get('ethnicity');
  const ethnicity = ethnicityText ? parseEthnicity(ethnicityText) : null;
  if (ethnicityText && !ethnicity)
    issues.member(row, 'ethnicity', `「${ethnicityText}」不是有效的民族名称或代码`);
  return {
    row,
    name,
    idNumber,
    sex: sex ?? '',
    birthDate: birthText ? parseDate(birthText) : '',
    relation: relation ?? '',
    ...(ethnicity ? { ethnicity } : {}),
    derived: { sex: !sexText, birthDate: !birthText },
  };
}
