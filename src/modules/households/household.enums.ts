/** Value → Chinese label for every household enum (docs/architecture.md, "The domain and its words"); imports accept either, screens show the label. */
export const HOUSE_STRUCTURES = {
  frame: '框架',
  brick_concrete: '砖混',
  brick_timber: '砖木',
  earth_timber: '土木',
  timber: '木',
  simple: '简易',
} as const;

export const HOUSEHOLD_FLAGS = {
  low_income: '低保',
  destitute: '特困',
  disabled: '残疾',
  poverty_monitored: '防返贫监测',
  elderly_alone: '独居老人',
  serious_illness: '大病',
  military_family: '军属',
} as const;

export const SEXES = { male: '男', female: '女' } as const;

export const RELATIONS = {
  head: '户主',
  spouse: '配偶',
  child: '子女',
  parent: '父母',
  grandchild: '孙子女',
  sibling: '兄弟姐妹',
  child_in_law: '儿媳/女婿',
  other: '其他',
} as const;

export const HOLD_REASONS = { dispute: '纠纷', petition: '信访', litigation: '诉讼', other: '其他' } as const;

export const INTENT_OPTIONS = {
  central_gov_built: '集中安置(统规统建)',
  central_self_build: '集中安置(统规自建)',
  scattered: '分散安置',
  backward: '后靠安置',
  relatives: '投亲靠友',
  cash: '货币/自谋出路',
  town_purchase: '进城购房',
  care_home: '集中供养',
  undecided: '未确定',
  objects: '有异议',
} as const;

export const LIVELIHOODS = {
  land: '有土安置',
  non_farm: '二三产业安置',
  pension: '养老保障安置',
  annual_compensation: '逐年补偿',
  cash: '一次性货币补偿',
} as const;

export const LIGHTS = { green: '绿灯', yellow: '黄灯', red: '红灯' } as const;

/** GB 3304-1991 codes of China's 56 ethnic groups. */
export const ETHNICITIES: Record<string, string> = {
  '01': '汉族',
  '02': '蒙古族',
  '03': '回族',
  '04': '藏族',
  '05': '维吾尔族',
  '06': '苗族',
  '07': '彝族',
  '08': '壮族',
  '09': '布依族',
  '10': '朝鲜族',
  '11': '满族',
  '12': '侗族',
  '13': '瑶族',
  '14': '白族',
  '15': '土家族',
  '16': '哈尼族',
  '17': '哈萨克族',
  '18': '傣族',
  '19': '黎族',
  '20': '傈僳族',
  '21': '佤族',
  '22': '畲族',
  '23': '高山族',
  '24': '拉祜族',
  '25': '水族',
  '26': '东乡族',
  '27': '纳西族',
  '28': '景颇族',
  '29': '柯尔克孜族',
  '30': '土族',
  '31': '达斡尔族',
  '32': '仫佬族',
  '33': '羌族',
  '34': '布朗族',
  '35': '撒拉族',
  '36': '毛南族',
  '37': '仡佬族',
  '38': '锡伯族',
  '39': '阿昌族',
  '40': '普米族',
  '41': '塔吉克族',
  '42': '怒族',
  '43': '乌孜别克族',
  '44': '俄罗斯族',
  '45': '鄂温克族',
  '46': '德昂族',
  '47': '保安族',
  '48': '裕固族',
  '49': '京族',
  '50': '塔塔尔族',
  '51': '独龙族',
  '52': '鄂伦春族',
  '53': '赫哲族',
  '54': '门巴族',
  '55': '珞巴族',
  '56': '基诺族',
};

export type HouseholdFlag = keyof typeof HOUSEHOLD_FLAGS;
export type Sex = keyof typeof SEXES;
export type Relation = keyof typeof RELATIONS;

export const keysOf = <T extends object>(labels: T) => Object.keys(labels) as (keyof T & string)[];

/** Accepts an enum value or its Chinese label (imports); returns the value or null. */
export function enumValue<T extends Record<string, string>>(
  labels: T,
  input: string,
): (keyof T & string) | null {
  const trimmed = input.trim();
  if (trimmed in labels) return trimmed as keyof T & string;
  const found = Object.entries(labels).find(([, label]) => label === trimmed);
  return found ? (found[0] as keyof T & string) : null;
}
