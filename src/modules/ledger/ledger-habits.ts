import { HouseholdFlag, Relation, RELATIONS } from '../households/household.enums';
import { halfWidth } from './ledger-cells';
import { parseEnum } from './ledger-values';

/**
 * How township ledgers are really written (户口簿 relation words, 五保, names with spaces, IDs typed into
 * General cells): read here, so the row parser can say in a note what it took each habit to mean.
 */

export const ID_AS_NUMBER = '身份证号被存成了数字，后几位已丢失：请把该列设为文本格式后重新填写';
export const PHONE_AS_NUMBER = '电话号码被存成了数字，部分数字已丢失：请把该列设为文本格式后重新填写';
export const PHONE_ZERO_LOST = '电话号码被存成了数字，开头的 0 已丢失：请把该列设为文本格式后重新填写';

/** 4.33101E+17: what Excel shows (and a CSV saved from it holds) for a long number in a General cell. */
const E_NOTATION = /^[+-]?\d+(\.\d+)?e[+-]?\d+$/i;

/**
 * Whether a resident-ID cell has lost digits: a number of 16 or more digits (Excel keeps 15 significant ones,
 * so about 1 in 11 such numbers even passes the check digit), or text in E-notation. A 15-digit number is exact.
 */
export function idDigitsLost(text: string, storedAsNumber: boolean): boolean {
  const compact = halfWidth(text).trim();
  if (E_NOTATION.test(compact)) return true;
  return storedAsNumber && compact.replace(/\.0*$/, '').replace(/\D/g, '').length >= 16;
}

/** Why a phone cell cannot be trusted, or null: E-notation, a fraction or 16+ digits, a landline's lost 0. */
export function phoneDigitsLost(text: string, storedAsNumber: boolean): string | null {
  const compact = halfWidth(text).trim();
  if (E_NOTATION.test(compact)) return PHONE_AS_NUMBER;
  if (!storedAsNumber) return null;
  if (!/^\d+$/.test(compact) || compact.length >= 16) return PHONE_AS_NUMBER;
  if (!compact.startsWith('1') && compact.length >= 9 && compact.length <= 11) return PHONE_ZERO_LOST;
  return null;
}

const SPOUSE = ['妻', '妻子', '丈夫', '夫', '爱人', '老婆', '老公'];
const CHILD = [
  ...['子', '儿子', '长子', '次子', '三子', '四子', '五子', '独生子', '养子', '继子'],
  ...['女', '女儿', '长女', '次女', '三女', '四女', '五女', '独生女', '养女', '继女'],
];
const WORDS: Record<string, Relation> = {
  本人: 'head',
  ...Object.fromEntries(SPOUSE.map((w) => [w, 'spouse'])),
  ...Object.fromEntries(CHILD.map((w) => [w, 'child'])),
  ...Object.fromEntries(
    ['儿媳', '儿媳妇', '媳妇', '女婿'].map((w) => [w, 'child_in_law'] as [string, Relation]),
  ),
  ...Object.fromEntries(
    ['孙子', '孙女', '外孙', '外孙子', '外孙女', '孙子女'].map(
      (w) => [w, 'grandchild'] as [string, Relation],
    ),
  ),
  ...Object.fromEntries(
    ['父亲', '母亲', '父', '母', '继父', '继母', '养父', '养母'].map(
      (w) => [w, 'parent'] as [string, Relation],
    ),
  ),
  ...Object.fromEntries(
    ['兄', '弟', '姐', '妹', '哥哥', '弟弟', '姐姐', '妹妹', '兄弟', '姐妹'].map(
      (w) => [w, 'sibling'] as [string, Relation],
    ),
  ),
  ...Object.fromEntries(
    [
      ...['祖父', '祖母', '外祖父', '外祖母', '爷爷', '奶奶', '外公', '外婆', '曾祖父', '曾祖母'],
      ...['公公', '婆婆', '岳父', '岳母', '嫂', '嫂子', '弟媳', '姐夫', '妹夫', '孙媳妇', '孙女婿'],
      ...['伯父', '伯母', '叔父', '婶母', '侄子', '侄女', '外甥', '外甥女', '曾孙子', '曾孙女', '非亲属'],
    ].map((w) => [w, 'other'] as [string, Relation]),
  ),
};

/**
 * GB/T 4761-2008 家庭关系代码 onto the project's relations: 01–02 本人/户主, 1x 配偶, 2x 子 and 3x 女 (28 女婿,
 * 38 儿媳), 4x 孙子女 (45–48: their spouses, great-grandchildren), 5x 父母 (53–56: parents-in-law), 7x 兄弟姐妹
 * (72, 74, 76, 78: their spouses); 6x 祖父母 and 8x–99 have no value of their own: 其他.
 */
export function relationOfCode(code: number): Relation | null {
  if (code === 1 || code === 2) return 'head';
  if (code >= 10 && code <= 19) return 'spouse';
  if (code === 28 || code === 38) return 'child_in_law';
  if (code >= 20 && code <= 39) return 'child';
  if (code >= 40 && code <= 49) return code >= 45 && code <= 48 ? 'other' : 'grandchild';
  if (code >= 50 && code <= 59) return code >= 53 && code <= 56 ? 'other' : 'parent';
  if (code >= 70 && code <= 79) return [72, 74, 76, 78].includes(code) ? 'other' : 'sibling';
  if (code >= 60 && code <= 99) return 'other';
  return null;
}

/**
 * A 与户主关系 cell: the project's label or value (exact), else a household-register word (长子, 之妻, 户主之女)
 * or a GB/T 4761 code (mapped: the note says so). Null when it is none of these.
 */
export function readRelation(text: string): { value: Relation; mapped: boolean } | null {
  const exact = parseEnum(RELATIONS, text);
  if (exact) return { value: exact, mapped: false };
  const compact = halfWidth(text).replace(/[\s\u3000]+/g, '');
  if (/^\d{1,2}$/.test(compact)) {
    const value = relationOfCode(Number(compact));
    return value ? { value, mapped: true } : null;
  }
  const word = WORDS[compact] ?? WORDS[compact.replace(/^(户主)?之/, '')];
  return word ? { value: word, mapped: true } : null;
}

/** Older or longer names of the flags: 五保 is what 特困 (特困人员供养) was called. */
const FLAG_WORDS: Record<string, HouseholdFlag> = {
  五保: 'destitute',
  五保户: 'destitute',
  特困户: 'destitute',
  特困供养: 'destitute',
  低保户: 'low_income',
  残疾人: 'disabled',
};

export const flagOfWord = (text: string): HouseholdFlag | null =>
  FLAG_WORDS[text.replace(/[\s\u3000]+/g, '')] ?? null;

const HAN_NAME_WITH_SPACES = /^[\p{Script=Han}·•][\p{Script=Han}·•\s\u3000]*$/u;

/** 龙\u3000尾 / 龙 尾 → 龙尾: spaces typed to align a two-character name. Names in other scripts are kept. */
export function cleanName(text: string): string {
  const trimmed = text.trim();
  return /[\s\u3000]/.test(trimmed) && HAN_NAME_WITH_SPACES.test(trimmed)
    ? trimmed.replace(/[\s\u3000]+/g, '')
    : trimmed;
}

/**
 * A birth date given to the month (1965.04, 1965-4, 1965年4月, 196504): the YYYY-MM it may mean, two for
 * a number cell that dropped its trailing zero (1965.1 is 1965.10 or 1965.01). Null for anything else.
 */
export function yearMonths(text: string): string[] | null {
  const trimmed = halfWidth(text).trim();
  const parts =
    trimmed.match(/^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?$/) ?? trimmed.match(/^(\d{4})(0[1-9]|1[0-2])$/);
  if (!parts) return null;
  const month = Number(parts[2]);
  if (month < 1 || month > 12) return null;
  const months = [`${parts[1]}-${String(month).padStart(2, '0')}`];
  if (/^\d{4}\.1$/.test(trimmed)) months.push(`${parts[1]}-10`);
  return months;
}
