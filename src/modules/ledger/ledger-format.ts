import {
  ETHNICITIES,
  HOUSE_STRUCTURES,
  HOUSEHOLD_FLAGS,
  INTENT_OPTIONS,
  LIVELIHOODS,
  RELATIONS,
  SEXES,
} from '../households/household.enums';
import { STAGE_LABELS } from '../households/household-stages';

/** The ledger (台账) format shared by the template, the import and the export. */
export const HOUSEHOLD_SHEET = '户籍台账';
export const MEMBER_SHEET = '家庭成员';
export const LISTS_SHEET = '选项';
export const GUIDE_SHEET = '填写说明';

export type ListName =
  | 'township'
  | 'village'
  | 'flag'
  | 'structure'
  | 'stage'
  | 'intentOption'
  | 'livelihood'
  | 'sex'
  | 'relation'
  | 'ethnicity';

export interface LedgerColumn<K extends string = string> {
  key: K;
  header: string;
  /** Other spellings accepted in an uploaded file's header row. */
  aliases?: string[];
  /** The API field the column feeds (error reports name it). */
  field: string;
  width: number;
  required?: boolean;
  /** Written with the Text number format, so Excel neither reformats nor evaluates what is typed in. */
  text?: boolean;
  list?: ListName;
  /** A list column that may hold several values (标识): the drop-down suggests, it does not refuse. */
  multi?: boolean;
  prompt?: string;
}

export type HouseholdKey =
  | 'code'
  | 'township'
  | 'village'
  | 'group'
  | 'headName'
  | 'headIdNumber'
  | 'phone'
  | 'address'
  | 'flags'
  | 'floorArea'
  | 'structure'
  | 'cadre'
  | 'stage'
  | 'intentOption'
  | 'intentSite'
  | 'livelihood'
  | 'note';

export type MemberKey = 'code' | 'name' | 'idNumber' | 'sex' | 'birthDate' | 'relation' | 'ethnicity';

export const HOUSEHOLD_COLUMNS: LedgerColumn<HouseholdKey>[] = [
  {
    key: 'code',
    header: '户编号',
    aliases: ['户号'],
    field: 'code',
    width: 16,
    required: true,
    text: true,
    prompt: '唯一，如 AZ-DXZ-0001；已有户编号的行更新该户',
  },
  {
    key: 'township',
    header: '乡镇',
    aliases: ['乡(镇)', '乡镇(街道)', '乡镇名称'],
    field: 'townshipId',
    width: 12,
    list: 'township',
    prompt: '乡镇名称或代码',
  },
  {
    key: 'village',
    header: '村',
    aliases: ['村名', '行政村', '所属村'],
    field: 'villageId',
    width: 14,
    required: true,
    list: 'village',
    prompt: '本乡镇内的村名，或村代码',
  },
  { key: 'group', header: '组', aliases: ['村民小组', '小组', '组别'], field: 'group', width: 8, text: true },
  {
    key: 'headName',
    header: '户主姓名',
    aliases: ['户主'],
    field: 'headName',
    width: 12,
    required: true,
    text: true,
  },
  {
    key: 'headIdNumber',
    header: '户主身份证号',
    aliases: ['户主身份证号码', '户主身份证', '户主公民身份号码', '身份证号码', '身份证号', '公民身份号码'],
    field: 'headIdNumber',
    width: 22,
    required: true,
    text: true,
    prompt: '18位，最后一位可为X',
  },
  {
    key: 'phone',
    header: '联系电话',
    aliases: ['联系方式', '手机号', '手机号码', '手机', '电话', '电话号码', '联系电话号码'],
    field: 'phone',
    width: 14,
    text: true,
  },
  {
    key: 'address',
    header: '家庭住址',
    aliases: ['家庭地址', '住址', '地址', '现住址'],
    field: 'address',
    width: 28,
    text: true,
  },
  {
    key: 'flags',
    header: '标识',
    field: 'flags',
    width: 18,
    list: 'flag',
    multi: true,
    prompt: '可填多个，用顿号、逗号或空格分隔',
  },
  {
    key: 'floorArea',
    header: '主房面积(㎡)',
    // A unit in brackets after any of these is ignored: 建筑面积(平方米), 房屋面积（㎡）.
    aliases: ['主房面积', '房屋面积', '建筑面积'],
    field: 'house.floorArea',
    width: 13,
  },
  {
    key: 'structure',
    header: '房屋结构',
    aliases: ['结构', '结构类型', '房屋结构类型'],
    field: 'house.structure',
    width: 10,
    list: 'structure',
  },
  {
    key: 'cadre',
    header: '包户干部',
    field: 'cadreId',
    width: 12,
    text: true,
    prompt: '包户干部的用户名，或姓名（不重名时）',
  },
  {
    key: 'stage',
    header: '阶段',
    field: 'stage',
    width: 14,
    list: 'stage',
    prompt: '新户留空或填"已登记"；已有户须与当前阶段一致（阶段只能通过流转审批变更）',
  },
  { key: 'intentOption', header: '安置意愿', field: 'intent.option', width: 20, list: 'intentOption' },
  { key: 'intentSite', header: '安置点', field: 'intent.site', width: 18, text: true },
  { key: 'livelihood', header: '生计方式', field: 'intent.livelihood', width: 16, list: 'livelihood' },
  { key: 'note', header: '备注', field: 'note', width: 30, text: true },
];

export const MEMBER_COLUMNS: LedgerColumn<MemberKey>[] = [
  { key: 'code', header: '户编号', field: 'code', width: 16, required: true, text: true },
  {
    key: 'name',
    header: '姓名',
    aliases: ['成员姓名', '家庭成员姓名'],
    field: 'name',
    width: 12,
    required: true,
    text: true,
  },
  {
    key: 'idNumber',
    header: '身份证号',
    aliases: ['身份证号码', '公民身份号码', '身份证', '成员身份证号'],
    field: 'idNumber',
    width: 22,
    required: true,
    text: true,
    prompt: '18位，最后一位可为X',
  },
  { key: 'sex', header: '性别', field: 'sex', width: 8, list: 'sex', prompt: '可留空：按身份证号填' },
  {
    key: 'birthDate',
    header: '出生日期',
    aliases: ['出生年月', '出生年月日'],
    field: 'birthDate',
    width: 12,
    text: true,
    prompt: 'YYYY-MM-DD，可留空：按身份证号填',
  },
  {
    key: 'relation',
    header: '与户主关系',
    aliases: ['关系', '与户主的关系', '家庭关系'],
    field: 'relation',
    width: 12,
    required: true,
    list: 'relation',
  },
  { key: 'ethnicity', header: '民族', field: 'ethnicity', width: 10, list: 'ethnicity' },
];

/** Each fixed list's value → label map; the export writes labels through it. */
export const LIST_LABELS: Record<Exclude<ListName, 'township' | 'village'>, Record<string, string>> = {
  flag: HOUSEHOLD_FLAGS,
  structure: HOUSE_STRUCTURES,
  stage: STAGE_LABELS,
  intentOption: INTENT_OPTIONS,
  livelihood: LIVELIHOODS,
  sex: SEXES,
  relation: RELATIONS,
  ethnicity: ETHNICITIES,
};

/** The fixed drop-down lists (the enums' Chinese labels); townships and villages come from the org tree. */
export const FIXED_LISTS = Object.fromEntries(
  Object.entries(LIST_LABELS).map(([name, labels]) => [name, Object.values(labels)]),
) as Record<keyof typeof LIST_LABELS, string[]>;

export const LIST_TITLES: Record<ListName, string> = {
  township: '乡镇',
  village: '村',
  flag: '标识',
  structure: '房屋结构',
  stage: '阶段',
  intentOption: '安置意愿',
  livelihood: '生计方式',
  sex: '性别',
  relation: '与户主关系',
  ethnicity: '民族',
};

export const LIST_ORDER: ListName[] = [
  'township',
  'village',
  'flag',
  'structure',
  'stage',
  'intentOption',
  'livelihood',
  'sex',
  'relation',
  'ethnicity',
];

/** Header text as people type it: spaces dropped, full-width brackets made half-width. */
export function normalizeHeader(text: string): string {
  return text
    .replace(/[\s\u3000]+/g, '')
    .replace(/（/g, '(')
    .replace(/）/g, ')')
    .replace(/\*/g, '')
    .toLowerCase();
}

/** A1-style column letters: 0 → A, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    const rest = (n - 1) % 26;
    letters = String.fromCharCode(65 + rest) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

export const GUIDE_LINES: string[] = [
  '大兴寨水库移民户籍台账 —— 填写说明',
  '',
  '1. 「户籍台账」一行一户；「家庭成员」一行一人，用户编号与户对应（户主可列可不列，列出时须与户主身份证号一致）。',
  '2. 必填列：户编号、村、户主姓名、户主身份证号；家庭成员：户编号、姓名、身份证号、与户主关系。',
  '3. 按户编号导入：系统中已有的户编号更新该户，没有的新建。再次导入同一文件不会重复修改。',
  '4. 某户在「家庭成员」中有行时，以这些行为该户的全部成员；没有行时保留系统中已有的成员。',
  '5. 单元格留空表示该项为空；但「阶段」「安置意愿」「包户干部」留空表示保持不变。',
  '6. 阶段只能通过流转审批变更：已有户的阶段须与系统一致，新户须为"已登记"或留空。',
  '7. 下拉选项为中文名称；也可填写英文代码。村可填本乡镇内的村名或村代码；包户干部可填用户名或（不重名时）姓名。',
  '8. 性别、出生日期可留空，按身份证号自动填写；填写时须与身份证号一致。',
  '9. 也可导入 CSV（UTF-8 或 GBK 编码，逗号或制表符分隔）：CSV 只含「户籍台账」的列，一行一户，不含家庭成员。',
  '10. 身份证号、电话请按文本填写：存成数字的身份证号已丢失后几位，导入时会被拒绝。',
  '11. 合并单元格按其左上角的值读取（如一户一个合并的户编号）；合计、小计行不导入；不认识的列会在导入结果中列出。',
];
