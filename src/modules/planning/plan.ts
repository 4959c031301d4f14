import { addDays, DAY_MS } from '../../common/time/business-clock';
import { Stage, STAGES, stageIndex } from '../households/household-stages';
import { StageLead } from './stage-leads';

/** The pace is measured over the last 14 business days, today included (docs/architecture.md, "Planning"). */
export const PACE_WINDOW_DAYS = 14;

export interface PlannedStage {
  stage: Stage;
  /** YYYY-MM-DD (Asia/Shanghai): the move date minus the stage's lead. */
  plannedDate: string;
  /** Its planned date has passed (before today) and the household has not reached it. */
  behind: boolean;
}

/**
 * A village's recent pace: `steps` is the net number of stage steps its households made towards the plan's
 * target in the window (an advance into a stage up to the target +1, a rollback out of one −1), `openHouseholds`
 * the households not yet at the target.
 */
export interface VillagePace {
  steps: number;
  openHouseholds: number;
}

/** Whole days from one business date to another (negative when `to` is earlier). */
export function daysFromTo(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

export const targetStage = (table: StageLead[]): Stage => table[table.length - 1].stage;

/** Steps still to go from `stage` to the target (0 once there or past it). */
export function remainingSteps(stage: string, table: StageLead[]): number {
  return Math.max(0, stageIndex(targetStage(table)) - stageIndex(stage));
}

/**
 * Each stage still ahead of a household at `stage`, up to the target, with its planned date: the move date minus
 * the lead of that stage or, without one, of the next stage that has one.
 */
export function plannedStages(
  stage: string,
  moveDate: string,
  today: string,
  table: StageLead[],
): PlannedStage[] {
  const target = stageIndex(targetStage(table));
  const planned: PlannedStage[] = [];
  for (let index = stageIndex(stage) + 1; index <= target; index += 1) {
    const lead = table.find((entry) => stageIndex(entry.stage) >= index)!;
    const plannedDate = addDays(moveDate, -lead.days);
    planned.push({ stage: STAGES[index], plannedDate, behind: plannedDate < today });
  }
  return planned;
}

/**
 * The net steps of a set of stage moves, as `VillagePace.steps` counts them. A rollback is one step back, so it
 * leaves a stage up to the target exactly when it lands below the target (the stage-event index holds `to_stage`).
 */
export function netSteps(
  moves: { kind: string; toStage: string; count: number }[],
  table: StageLead[],
): number {
  const target = stageIndex(targetStage(table));
  let steps = 0;
  for (const move of moves) {
    if (move.kind === 'rollback') {
      if (stageIndex(move.toStage) < target) steps -= move.count;
    } else if (stageIndex(move.toStage) <= target) steps += move.count;
  }
  return Math.max(0, steps);
}

/**
 * Days a household `remaining` steps from the target needs at its village's pace: the village makes
 * `steps / 14` steps a day, shared by its open households, so one household makes `steps / (14 × open)` a day.
 * Null: no pace (no net step in 14 days), it cannot finish at that pace.
 */
export function daysNeeded(remaining: number, pace: VillagePace): number | null {
  if (remaining === 0) return 0;
  if (pace.steps <= 0) return null;
  return Math.ceil((remaining * Math.max(1, pace.openHouseholds) * PACE_WINDOW_DAYS) / pace.steps);
}

/** Red (cannot_make_move_date): at the village's pace the remaining steps take longer than the days left. */
export function cannotMakeMoveDate(
  remaining: number,
  moveDate: string,
  today: string,
  pace: VillagePace,
): boolean {
  if (remaining === 0) return false;
  const needed = daysNeeded(remaining, pace);
  return needed === null || needed > daysFromTo(today, moveDate);
}

/**
 * A village's forecast completion date: today plus the days its remaining steps take at its pace,
 * `ceil(remaining × 14 / steps)`; today once nothing remains; null without a pace.
 */
export function forecastDate(today: string, remaining: number, steps: number): string | null {
  if (remaining === 0) return today;
  if (steps <= 0) return null;
  return addDays(today, Math.ceil((remaining * PACE_WINDOW_DAYS) / steps));
}

export interface PlanVerdict {
  behindPlan: boolean;
  cannotMakeMoveDate: boolean;
}

/** What a household's light takes from its plan; `pace` null: not measured yet (no red from the plan). */
export function planVerdict(
  stage: string,
  moveDate: string,
  today: string,
  pace: VillagePace | null,
  table: StageLead[],
): PlanVerdict {
  const remaining = remainingSteps(stage, table);
  if (remaining === 0) return { behindPlan: false, cannotMakeMoveDate: false };
  // Planned dates never decrease along the stages, so the next stage is the one that can be behind first.
  const next = plannedStages(stage, moveDate, today, table)[0];
  return {
    behindPlan: next.behind,
    cannotMakeMoveDate: pace !== null && cannotMakeMoveDate(remaining, moveDate, today, pace),
  };
}
