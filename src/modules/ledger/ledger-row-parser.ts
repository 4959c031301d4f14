import { maskPhone, maskResidentId } from '../../common/pii/masking';
import {
  HOUSE_STRUCTURES,
  HOUSEHOLD_FLAGS,
  INTENT_OPTIONS,
  LIVELIHOODS,
} from '../households/household.enums';
import { OrgUnit } from '../org/org-directory';
import { STAGE_LABELS } from '../households/household-stages';
import { halfWidth } from './ledger-cells';
import { ExistingHousehold, LedgerContext } from './ledger-context';
import { flagOfWord, ID_AS_NUMBER, idDigitsLost, phoneDigitsLost } from './ledger-habits';
import { Issues } from './ledger-issues';
import { MASKED_ID, readName, REQUIRED } from './ledger-member-parser';
import { Notes } from './ledger-notes';
import { HouseholdSheet, SheetRow } from './ledger-sheet';
import {
  cleanIdNumber,
  cleanPhone,
  invalidChoice,
  isMasked,
  parseArea,
  parseEnum,
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
  village: OrgUnit | null;
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

const orNull = (text: string | undefined): string | null | undefined =>
  text === undefined ? undefined : text === '' ? null : text;

/** Reads one 户籍台账 row; every problem is recorded on the row, the draft keeps what could be read. */
export function parseHouseholdRow(
  sheet: HouseholdSheet,
  row: SheetRow,
  context: LedgerContext,
  existing: ExistingHousehold | null,
  issues: Issues,
  notes: Notes,
): HouseholdDraft {
  const get = (key: Parameters<HouseholdSheet['get']>[1]) => sheet.get(row, key);
  const headName = readName(sheet, 'headName', row, get('headName') ?? '', notes);
  if (!headName) issues.household(row, 'headName', REQUIRED);
  const headIdText = get('headIdNumber') ?? '';
  let headIdNumber = cleanIdNumber(headIdText);
  if (!headIdNumber) issues.household(row, 'headIdNumber', REQUIRED);
  else if (idDigitsLost(headIdText, sheet.isNumber(row, 'headIdNumber')))
    issues.household(row, 'headIdNumber', ID_AS_NUMBER);
  else if (isMasked(headIdNumber)) {
    if (existing && maskResidentId(existing.headId) === headIdNumber) headIdNumber = existing.headId;
    else issues.household(row, 'headIdNumber', MASKED_ID);
  }
  const draft: HouseholdDraft = {
    headName,
    headIdNumber,
    village: resolveVillage(sheet, row, context, issues),
    group: orNull(readGroup(sheet, row, notes)),
    address: orNull(get('address')),
    note: orNull(get('note')),
  };

  const phone = get('phone');
  const phoneLost = phone ? phoneDigitsLost(phone, sheet.isNumber(row, 'phone')) : null;
  if (phoneLost) issues.household(row, 'phone', phoneLost);
  else if (phone !== undefined) {
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
      const value = parseEnum(HOUSEHOLD_FLAGS, part) ?? flagOfWord(part);
      if (value) values.push(value);
      else issues.household(row, 'flags', invalidChoice(HOUSEHOLD_FLAGS, part));
      if (value && value !== parseEnum(HOUSEHOLD_FLAGS, part)) {
        const label = HOUSEHOLD_FLAGS[value];
        notes.row(sheet.name, sheet.locate('flags').column ?? undefined, `flag:${part}`, row.row, (rows) =>
          part.startsWith('五保')
            ? `标识「${part}」按「${label}」导入（五保是特困人员供养的旧称；第${rows}行）`
            : `标识「${part}」按「${label}」导入（第${rows}行）`,
        );
      }
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

/** 组 as typed: ３组 is 3组, like every other full-width digit; the note says so. */
function readGroup(sheet: HouseholdSheet, row: SheetRow, notes: Notes): string | undefined {
  const text = sheet.get(row, 'group');
  if (text === undefined) return undefined;
  const half = halfWidth(text).trim();
  if (half !== text.trim())
    notes.row(
      sheet.name,
      sheet.locate('group').column ?? undefined,
      'half-width',
      row.row,
      (rows) => `第${rows}行组中的全角数字已按半角读取`,
    );
  return half;
}

function resolveVillage(
  sheet: HouseholdSheet,
  row: SheetRow,
  context: LedgerContext,
  issues: Issues,
): OrgUnit | null {
  const townshipText = sheet.get(row, 'township') ?? '';
  let township: OrgUnit | null = null;
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
