import { DAY_MS } from '../../common/time/business-clock';
import { LIGHTS } from './household.enums';

/** Green / yellow / red (docs/architecture.md, "Lights"), as a pure function of a household's facts and "now". */
export type Light = keyof typeof LIGHTS;

export type LightReason =
  | 'problem_overdue'
  | 'problem_p1'
  | 'on_hold'
  | 'stalled_red'
  | 'cannot_make_move_date'
  | 'no_visit'
  | 'stalled_yellow'
  | 'behind_plan';

export const LIGHT_REASON_LABELS: Record<LightReason, string> = {
  problem_overdue: '有超期未办结问题',
  problem_p1: '有紧急（P1）问题未办结',
  on_hold: '暂停推进（纠纷/信访/诉讼）',
  stalled_red: '长期未推进',
  no_visit: '超期未走访',
  stalled_yellow: '推进停滞',
  cannot_make_move_date: '按本村近14天进度无法按期搬迁',
  behind_plan: '落后于搬迁倒排计划',
};

export interface LightThresholds {
  visitIntervalDays: number;
  stallYellowDays: number;
  stallRedDays: number;
}

export interface LightFacts {
  stage: string;
  onHold: boolean;
  createdAt: Date;
  stageChangedAt: Date;
  lastVisitAt: Date | null;
  overdueProblems: number;
  openP1Problems: number;
  /** From the household's move-date plan (the planning module, through HouseholdLinks); absent: no plan. */
  behindPlan?: boolean;
  cannotMakeMoveDate?: boolean;
}

/**
 * The rules of computeLight as instants, for the set-based reports: a household last visited (or, never
 * visited, registered) before `visitCutoff` is overdue for a visit; one whose stage last moved before
 * `stallCutoff` is stalled (yellow).
 */
export function lightCutoffs(
  at: Date,
  thresholds: LightThresholds,
): { visitCutoff: Date; stallCutoff: Date } {
  return {
    visitCutoff: new Date(at.getTime() - thresholds.visitIntervalDays * DAY_MS),
    stallCutoff: new Date(at.getTime() - thresholds.stallYellowDays * DAY_MS),
  };
}

export function computeLight(
  facts: LightFacts,
  now: Date,
  thresholds: LightThresholds,
): { light: Light; reasons: LightReason[] } {
  // A closed case (销号) has nothing left to chase.
  if (facts.stage === 'closed') return { light: 'green', reasons: [] };
  const daysSince = (instant: Date) => (now.getTime() - instant.getTime()) / DAY_MS;
  const stalledDays = daysSince(facts.stageChangedAt);
  const red: LightReason[] = [];
  if (facts.overdueProblems > 0) red.push('problem_overdue');
  if (facts.openP1Problems > 0) red.push('problem_p1');
  if (facts.onHold) red.push('on_hold');
  if (stalledDays >= thresholds.stallRedDays) red.push('stalled_red');
  if (facts.cannotMakeMoveDate) red.push('cannot_make_move_date');
  const yellow: LightReason[] = [];
  if (daysSince(facts.lastVisitAt ?? facts.createdAt) >= thresholds.visitIntervalDays)
    yellow.push('no_visit');
  if (stalledDays >= thresholds.stallYellowDays && !red.includes('stalled_red'))
    yellow.push('stalled_yellow');
  if (facts.behindPlan) yellow.push('behind_plan');
  if (red.length) return { light: 'red', reasons: [...red, ...yellow] };
  if (yellow.length) return { light: 'yellow', reasons: yellow };
  return { light: 'green', reasons: [] };
}

/** A problem's own light: yellow from 80 % of its time used, red once overdue; done problems are green. */
export function problemLight(problem: { status: string; openedAt: Date; dueAt: Date }, now: Date): Light {
  if (problem.status === 'resolved' || problem.status === 'closed') return 'green';
  const total = problem.dueAt.getTime() - problem.openedAt.getTime();
  const used = now.getTime() - problem.openedAt.getTime();
  if (used >= total) return 'red';
  if (used >= total * 0.8) return 'yellow';
  return 'green';
}
