import { maskResidentId } from '../../common/pii/masking';
import { residentIdInfo } from '../../common/pii/resident-id';
import { RELATIONS, SEXES } from '../households/household.enums';
import { ExistingHousehold } from './ledger-context';
import { ID_AS_NUMBER, cleanName, idDigitsLost, readRelation, yearMonths } from './ledger-habits';
import { Issues } from './ledger-issues';
import { Notes } from './ledger-notes';
import { LedgerSheet, MemberSheet, SheetRow } from './ledger-sheet';
import {
  cleanIdNumber,
  invalidChoice,
  isMasked,
  parseDate,
  parseEnum,
  parseEthnicity,
} from './ledger-values';

export const REQUIRED = '不能为空';
export const MASKED_ID = '身份证号已遮蔽（含*），请填写完整号码';

export interface MemberDraft {
  row: SheetRow;
  name: string;
  idNumber: string;
  sex: string;
  birthDate: string;
  relation: string;
  ethnicity?: string;
  /** A birth date given to the month only (1965.04): the YYYY-MM it may mean, checked against the ID. */
  birthMonths?: string[];
  /** Sex and birth date left blank (or given to the month): taken from the resident ID. */
  derived: { sex: boolean; birthDate: boolean };
}

/** A name as written, spaces inside a Chinese name (龙\u3000尾) removed with a note. */
export function readName<K extends string>(
  sheet: LedgerSheet<K>,
  key: K,
  row: SheetRow,
  text: string,
  notes: Notes,
): string {
  const name = cleanName(text);
  if (name !== text.trim()) {
    const { column, header } = sheet.locate(key);
    notes.row(
      sheet.name,
      column ?? undefined,
      'name-spaces',
      row.row,
      (rows) => `第${rows}行${header}中的空格已去除`,
    );
  }
  return name;
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
  notes: Notes,
): MemberDraft {
  const get = (key: Parameters<MemberSheet['get']>[1]) => sheet.get(row, key) ?? '';
  const name = readName(sheet, 'name', row, get('name'), notes);
  if (!name) issues.member(row, 'name', REQUIRED);
  const birthText = get('birthDate');
  const birthMonths = birthText ? yearMonths(birthText) : null;
  let idNumber = cleanIdNumber(get('idNumber'));
  if (!idNumber) issues.member(row, 'idNumber', REQUIRED);
  else if (idDigitsLost(get('idNumber'), sheet.isNumber(row, 'idNumber')))
    issues.member(row, 'idNumber', ID_AS_NUMBER);
  else if (isMasked(idNumber)) {
    const stored = unmaskMember(existing, idNumber, name, birthText ? parseDate(birthText) : '');
    if (stored) idNumber = stored;
    else issues.member(row, 'idNumber', MASKED_ID);
  }
  const sexText = get('sex');
  const sex = sexText ? parseEnum(SEXES, sexText) : null;
  if (sexText && !sex) issues.member(row, 'sex', invalidChoice(SEXES, sexText));
  const relationText = get('relation');
  const read = relationText ? readRelation(relationText) : null;
  const relation = read?.value ?? null;
  if (!relationText) issues.member(row, 'relation', REQUIRED);
  else if (!relation) issues.member(row, 'relation', invalidChoice(RELATIONS, relationText));
  else if (read?.mapped) {
    const word = relationText.trim();
    notes.row(
      sheet.name,
      sheet.locate('relation').column ?? undefined,
      `relation:${word}`,
      row.row,
      (rows) => `与户主关系「${word}」按「${RELATIONS[read.value]}」导入（第${rows}行）`,
    );
  }
  const ethnicityText = get('ethnicity');
  const ethnicity = ethnicityText ? parseEthnicity(ethnicityText) : null;
  if (ethnicityText && !ethnicity)
    issues.member(row, 'ethnicity', `「${ethnicityText}」不是有效的民族名称或代码`);
  return {
    row,
    name,
    idNumber,
    sex: sex ?? '',
    birthDate: birthText && !birthMonths ? parseDate(birthText) : '',
    relation: relation ?? '',
    ...(ethnicity ? { ethnicity } : {}),
    ...(birthMonths ? { birthMonths } : {}),
    derived: { sex: !sexText, birthDate: !birthText || birthMonths !== null },
  };
}
