/** 挂号 → 销号: a problem's statuses and the actions that move it, as data (like the stage table). */
export const PROBLEM_STATUSES = ['open', 'assigned', 'resolved', 'closed', 'reopened'] as const;
export type ProblemStatus = (typeof PROBLEM_STATUSES)[number];

export const PROBLEM_CATEGORIES = [
  'survey_error',
  'compensation_dispute',
  'hukou',
  'payment',
  'housing_plot',
  'transitional_housing',
  'livelihood',
  'school_medical',
  'vulnerable_hardship',
  'site_infrastructure',
  'dispute_petition',
  'safety',
  'graves_custom',
  'other',
] as const;

/** Problem categories as the command centre names them. */
export const PROBLEM_CATEGORY_LABELS: Record<(typeof PROBLEM_CATEGORIES)[number], string> = {
  survey_error: '实物调查有误',
  compensation_dispute: '补偿争议',
  hukou: '户籍',
  payment: '资金兑付',
  housing_plot: '安置房/宅基地',
  transitional_housing: '过渡安置',
  livelihood: '生计就业',
  school_medical: '就学就医',
  vulnerable_hardship: '困难群体',
  site_infrastructure: '安置点基础设施',
  dispute_petition: '矛盾纠纷/信访',
  safety: '安全隐患',
  graves_custom: '坟墓迁移/风俗',
  other: '其他',
};

export const SEVERITIES = { p1: '紧急', p2: '较急', p3: '一般' } as const;
export type Severity = keyof typeof SEVERITIES;

export type ProblemAction = 'assign' | 'progress' | 'resolve' | 'satisfied' | 'unsatisfied';

export const PROBLEM_TRANSITIONS: Record<ProblemAction, { from: ProblemStatus[]; to: ProblemStatus }> = {
  assign: { from: ['open', 'reopened', 'assigned'], to: 'assigned' },
  progress: { from: ['assigned'], to: 'assigned' },
  resolve: { from: ['assigned'], to: 'resolved' },
  satisfied: { from: ['resolved'], to: 'closed' },
  unsatisfied: { from: ['resolved'], to: 'reopened' },
};

/** Still someone's work: counts toward a household's open problems and can be overdue. */
export const ACTIVE_STATUSES: ProblemStatus[] = ['open', 'assigned', 'reopened'];

/** Whether a problem in this status is still someone's work. */
export const isActive = (status: string): boolean => ACTIVE_STATUSES.includes(status as ProblemStatus);

/** ACTIVE_STATUSES as an SQL list, for the set-based reports: `p.status IN ${ACTIVE_STATUSES_SQL}`. */
export const ACTIVE_STATUSES_SQL = `(${ACTIVE_STATUSES.map((status) => `'${status}'`).join(', ')})`;

export const STATUS_LABELS: Record<ProblemStatus, string> = {
  open: '已挂号',
  assigned: '已交办',
  resolved: '已办结待反馈',
  closed: '已销号',
  reopened: '已复号',
};

export function nextStatus(action: ProblemAction, from: string): ProblemStatus | null {
  const rule = PROBLEM_TRANSITIONS[action];
  return rule.from.includes(from as ProblemStatus) ? rule.to : null;
}

/** Every status must be reachable from open and lead somewhere unless it is closed. */
export function validateProblemTable(
  transitions: Record<string, { from: readonly string[]; to: string }> = PROBLEM_TRANSITIONS,
): string[] {
  const problems: string[] = [];
  const reachable = new Set<string>(['open']);
  let grew = true;
  while (grew) {
    grew = false;
    for (const rule of Object.values(transitions)) {
      if (rule.from.some((s) => reachable.has(s)) && !reachable.has(rule.to)) {
        reachable.add(rule.to);
        grew = true;
      }
    }
  }
  for (const status of PROBLEM_STATUSES) {
    if (!reachable.has(status)) problems.push(`status ${status} is unreachable`);
    const leaves = Object.values(transitions).some((r) => r.from.includes(status) && r.to !== status);
    if (status !== 'closed' && !leaves) problems.push(`status ${status} is a dead end`);
  }
  return problems;
}
