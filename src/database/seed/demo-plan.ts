import { DemoDice } from './demo-dice';

/** The demo history: the ledger was entered five weeks ago, the campaign has run for the last three. */
export const HISTORY_DAYS = 21;
export const LEDGER_DAYS_AGO = 35;

/**
 * Days between two rounds of each cadre's households (cadre01 first). Most keep the 7-day rule; cadre04, cadre07
 * and cadre09 do not, so the overdue list, the dispatch and the bulletin's bottom three have someone to name.
 */
export const CADRE_VISIT_GAPS = [4, 5, 6, 9, 5, 4, 8, 6, 10, 5, 6, 7];

/** How likely a cadre visits a household the day after the dispatch named it. */
export function diligence(gap: number): number {
  return gap <= 5 ? 0.85 : gap <= 7 ? 0.6 : 0.3;
}

/** The stage (index) a household reaches in the three weeks if nothing holds it up. */
const GOALS: [number, number][] = [
  [0, 0.06],
  [1, 0.17],
  [2, 0.22],
  [3, 0.17],
  [4, 0.14],
  [5, 0.11],
  [6, 0.07],
  [7, 0.04],
  [8, 0.02],
];

export const INTENT_CHOICES: [string, number][] = [
  ['central_gov_built', 0.34],
  ['central_self_build', 0.14],
  ['scattered', 0.12],
  ['backward', 0.08],
  ['town_purchase', 0.12],
  ['cash', 0.1],
  ['relatives', 0.05],
  ['care_home', 0.05],
];

export const INTENT_SITES: Record<string, string> = {
  central_gov_built: '矮寨镇集中安置点',
  central_self_build: '坪朗统规自建安置点',
  backward: '德夯后靠安置点',
  town_purchase: '吉首市乾州新区',
  scattered: '本村分散安置',
};

export function livelihoodFor(option: string, dice: DemoDice, code: string): string {
  if (option === 'cash') return 'cash';
  if (option === 'care_home') return 'pension';
  return dice.weighted(
    [
      ['land', 0.35],
      ['non_farm', 0.3],
      ['pension', 0.15],
      ['annual_compensation', 0.2],
    ],
    'livelihood',
    code,
  );
}

export interface HouseholdPlan {
  /** Stage index it reaches if nothing holds it up. */
  goal: number;
  /** Day of its first stage request. */
  firstStepDay: number;
  /** Day of its first visit. */
  firstVisitDay: number;
  /** From this day on its cadre stops coming (Infinity: never). */
  neglectedFrom: number;
  /** Disputes the survey: says 有异议, is resistant, and does not get past 实物指标已确认. */
  objects: boolean;
  /** An early, tentative intent heard on a visit (null: none). */
  earlyIntent: string | null;
  /** What it finally signs up for. */
  intent: string;
}

export function planHousehold(dice: DemoDice, code: string): HouseholdPlan {
  const objects = dice.chance(0.04, 'objects', code);
  const goal = objects ? Math.min(2, dice.weighted(GOALS, 'goal', code)) : dice.weighted(GOALS, 'goal', code);
  const intent = dice.weighted(INTENT_CHOICES, 'intent', code);
  const early = dice.chance(0.4, 'early-intent', code);
  return {
    goal,
    // The furthest households started at once; the others over the first week or so.
    firstStepDay: goal >= 6 ? dice.int(0, 1, 'first-step', code) : dice.int(0, 9, 'first-step', code),
    firstVisitDay: dice.int(0, 4, 'first-visit', code),
    neglectedFrom:
      goal <= 1 && dice.chance(0.3, 'neglected', code) ? dice.int(0, 12, 'neglected-from', code) : Infinity,
    objects,
    earlyIntent: objects
      ? 'objects'
      : early
        ? dice.chance(0.7, 'early-same', code)
          ? intent
          : dice.weighted(INTENT_CHOICES, 'early', code)
        : null,
    intent,
  };
}

/** Days until the next step once the previous one is done (the furthest households move fastest). */
export function stepGap(dice: DemoDice, code: string, goal: number, stage: number): number {
  return goal >= 6 ? 1 : dice.int(1, 3, 'step-gap', code, stage);
}

/** Days a level takes to decide; a few requests wait long enough to be chased by the dispatch. */
export function decisionDelay(dice: DemoDice, level: string, ...question: (string | number)[]): number {
  return level === 'township'
    ? dice.weighted(
        [
          [1, 0.55],
          [2, 0.27],
          [3, 0.1],
          [5, 0.08],
        ],
        'delay',
        level,
        ...question,
      )
    : dice.weighted(
        [
          [0, 0.35],
          [1, 0.4],
          [2, 0.15],
          [4, 0.1],
        ],
        'delay',
        level,
        ...question,
      );
}

/** The units of the demo (demo-seeder.ts), by index: 0 自然资源和规划局, 1 人社局, 2 教育局. */
export const PROBLEM_CATEGORIES: {
  category: string;
  unit: number;
  weight: number;
  descriptions: string[];
}[] = [
  {
    category: 'survey_error',
    unit: 0,
    weight: 0.18,
    descriptions: ['附属房面积漏登，户主要求重新丈量', '果木数量与实际不符，申请复核'],
  },
  {
    category: 'compensation_dispute',
    unit: 0,
    weight: 0.14,
    descriptions: ['对木结构房屋补偿单价有异议', '认为装修补偿标准偏低'],
  },
  {
    category: 'housing_plot',
    unit: 0,
    weight: 0.12,
    descriptions: ['希望安置房分配在低楼层，家中有老人', '宅基地选址与亲属相邻的诉求'],
  },
  {
    category: 'hukou',
    unit: 1,
    weight: 0.1,
    descriptions: ['子女户口在外地，能否随迁纳入安置人口', '户籍信息与身份证不一致'],
  },
  {
    category: 'livelihood',
    unit: 1,
    weight: 0.14,
    descriptions: ['搬迁后务工就业需要帮扶', '希望参加技能培训后再就业'],
  },
  {
    category: 'vulnerable_hardship',
    unit: 1,
    weight: 0.08,
    descriptions: ['独居老人搬迁需要协助', '家中有重病患者，过渡期生活困难'],
  },
  {
    category: 'school_medical',
    unit: 2,
    weight: 0.12,
    descriptions: ['孩子转学到安置点附近学校的手续', '搬迁后就近入学学位问题'],
  },
  {
    category: 'graves_custom',
    unit: 0,
    weight: 0.06,
    descriptions: ['祖坟迁移需要择日，希望宽限时间'],
  },
  {
    category: 'transitional_housing',
    unit: 0,
    weight: 0.06,
    descriptions: ['过渡期租房补助何时发放'],
  },
];

export const SEVERITY_WEIGHTS: [string, number][] = [
  ['p1', 0.12],
  ['p2', 0.33],
  ['p3', 0.55],
];

/** Days each unit takes to settle a problem: the human-resources and education bureaus are slow this month. */
export function resolveDelay(dice: DemoDice, unit: number, severity: string, key: string): number {
  const fast = severity === 'p1';
  // Some are stuck (funds, another department): still open when the newcomer looks, overdue and chased.
  if (unit !== 0 && dice.chance(0.35, 'stuck', key)) return 30;
  if (unit === 0) return fast ? dice.int(0, 1, 'resolve', key) : dice.int(1, 3, 'resolve', key);
  if (unit === 1) return fast ? dice.int(1, 3, 'resolve', key) : dice.int(2, 8, 'resolve', key);
  return dice.int(5, 14, 'resolve', key);
}

export const VISIT_SUMMARIES = {
  routine: [
    '入户宣讲移民安置补偿政策，户主表示理解',
    '了解家庭生产生活情况，宣传后扶政策',
    '核对家庭成员及户籍信息',
    '回访前期反映问题的办理情况',
    '电话联系户主，了解外出务工家庭成员返乡时间',
    '走访老人，讲解安置点养老服务配套',
  ],
  surveyed: '会同调查组开展实物调查，丈量主房及附属设施，户主签字确认',
  indicators_confirmed: '送达实物指标复核结果，户主无异议',
  intent_collected: '征询安置意愿，户主签字确认意愿登记表',
  intent_approved: '报送安置意愿审批材料',
  agreement_signed: '协助户主核对补偿清单，准备签订搬迁安置协议',
  paid: '核对兑付账户信息，提交兑付申请',
  moved_out: '协助搬家，核验房屋腾空情况',
  demolished: '确认拆除范围，户主到场见证',
  settled: '陪同户主办理安置房入住手续',
  objects: '户主对实物调查结果仍有异议，做思想工作',
} as const;

export const CONCERNS = [
  '家中老人行动不便，希望搬迁时安排车辆',
  '担心搬迁后孩子上学路远',
  '希望尽快明确安置房交付时间',
  '过渡期租房补助标准不清楚',
  '担心搬迁后没有稳定收入',
  '祖坟迁移需要择日',
];
