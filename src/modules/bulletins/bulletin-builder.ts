import {
  addFigures,
  bottomThree,
  emptyFigures,
  Group,
  rank,
  RankingKind,
  RankRow,
  RANKING_RULES,
} from './bulletin-metrics';
import {
  completionPercent,
  gainPoints,
  GroupFigures,
  onTimeRate,
  RankFigures,
  sharePercent,
} from './bulletin-metrics';
import { BulletinFacts, HouseholdCell, ProblemCell } from './bulletins.repository';
import { isActive } from '../problems/problem-states';
import type { MetricVersions } from '../daily-cycle/metrics/metric-definitions';

export interface Ranking {
  /** How the ranking is ordered, in words. */
  rule: string;
  rows: RankRow[];
  /** 末三位: named in the bulletin. */
  bottom: { rank: number; id: string; name: string }[];
}

export interface StalledUnit {
  unitId: string;
  name: string;
  activeProblems: number;
  lastProgressAt: string | null;
}

export interface SupervisedItem {
  problemId: string;
  category: string;
  severity: string;
  status: string;
  description: string;
  unitId: string | null;
  unitName: string | null;
  villageName: string | null;
  householdCode: string | null;
  openedAt: string;
  dueAt: string;
  overdue: boolean;
}

export interface WeeklyBulletinBody {
  weekStart: string;
  lastDate: string;
  generatedAt: string;
  stallWeeks: number;
  totals: { households: number } & RankFigures & {
      overdueProblems: number;
      overdueVisits: number;
      supervised: number;
      stalledUnits: number;
    };
  rankings: {
    taskForces: Ranking;
    townships: Ranking;
    villages: Ranking;
    units: Ranking;
    cadres: Ranking;
  };
  stalledUnits: StalledUnit[];
  supervised: SupervisedItem[];
  /** The metric versions it was computed with (docs/metrics.md); null: stored before versioning. */
  metricVersions?: MetricVersions | null;
}

export interface Names {
  unitName(id: string): string;
  unitKind(id: string): string | null;
  cadreName(id: string): string;
}

type HouseholdKey = 'villageId' | 'townshipId' | 'taskForceId' | 'cadreId';

function ranking(groups: Group[], kind: RankingKind): Ranking {
  const rows = rank(groups, kind);
  return {
    rule: RANKING_RULES[kind],
    rows,
    bottom: bottomThree(rows).map(({ rank, id, name }) => ({ rank, id, name })),
  };
}

/**
 * Folds the cells into one group per id of the key. Only groups with households are ranked; a household or
 * problem without a village, task force or cadre counts in the totals but names no one.
 */
function householdGroups(
  facts: BulletinFacts,
  key: HouseholdKey,
  nameOf: (id: string) => string,
  overdueFrom: 'problems' | 'visits',
): Group[] {
  const groups = new Map<string, GroupFigures>();
  const figures = (id: string) => {
    let found = groups.get(id);
    if (!found) groups.set(id, (found = emptyFigures()));
    return found;
  };
  for (const cell of facts.households) {
    const id = cell[key];
    if (!id) continue;
    addFigures(figures(id), {
      households: cell.households,
      stepsStart: cell.stepsStart,
      stepsEnd: cell.stepsEnd,
      signed: cell.signed,
      overdue: overdueFrom === 'visits' ? cell.overdueVisits : 0,
    });
  }
  for (const cell of facts.problems) {
    const id = cell[key];
    if (!id || !groups.has(id)) continue;
    addFigures(figures(id), {
      closed: cell.closed,
      closedOnTime: cell.closedOnTime,
      overdue: overdueFrom === 'problems' ? cell.overdue : 0,
    });
  }
  return [...groups].map(([id, f]) => ({ id, name: nameOf(id), figures: f }));
}

function unitGroups(facts: BulletinFacts, names: Names): Group[] {
  const groups = new Map<string, GroupFigures>();
  for (const cell of facts.problems) {
    if (!cell.unitId || names.unitKind(cell.unitId) !== 'unit') continue;
    if (cell.closed === 0 && cell.active === 0) continue;
    const f = groups.get(cell.unitId) ?? emptyFigures();
    groups.set(cell.unitId, addFigures(f, cell));
  }
  return [...groups].map(([id, f]) => ({ id, name: names.unitName(id), figures: f }));
}

/** 连续 N 周无进展: a unit with work it has had since before the window, and nothing done on any of it since. */
function stalledUnits(facts: BulletinFacts, names: Names): StalledUnit[] {
  const work = new Map<string, { active: number; stale: number }>();
  for (const cell of facts.problems) {
    if (!cell.unitId || names.unitKind(cell.unitId) !== 'unit') continue;
    const w = work.get(cell.unitId) ?? { active: 0, stale: 0 };
    w.active += cell.active;
    w.stale += cell.activeSinceBeforeStall;
    work.set(cell.unitId, w);
  }
  const progress = new Map(facts.unitProgress.map((p) => [p.unitId, p]));
  return [...work]
    .filter(([id, w]) => w.stale > 0 && (progress.get(id)?.inWindow ?? 0) === 0)
    .map(([id, w]) => ({
      unitId: id,
      name: names.unitName(id),
      activeProblems: w.active,
      lastProgressAt: progress.get(id)?.lastProgressAt?.toISOString() ?? null,
    }))
    .sort((a, b) => b.activeProblems - a.activeProblems || a.name.localeCompare(b.name, 'zh-Hans-CN'));
}

const sum = <T>(rows: T[], pick: (row: T) => number) => rows.reduce((total, row) => total + pick(row), 0);

export function buildBulletin(
  window: { weekStart: string; lastDate: string; weekEnd: Date; stallWeeks: number; generatedAt: Date },
  facts: BulletinFacts,
  names: Names,
): WeeklyBulletinBody {
  const households: HouseholdCell[] = facts.households;
  const problems: ProblemCell[] = facts.problems;
  const n = sum(households, (c) => c.households);
  const stepsStart = sum(households, (c) => c.stepsStart);
  const stepsEnd = sum(households, (c) => c.stepsEnd);
  const closed = sum(problems, (c) => c.closed);
  const closedOnTime = sum(problems, (c) => c.closedOnTime);
  const stalled = stalledUnits(facts, names);
  const supervised: SupervisedItem[] = facts.supervised.map((p) => ({
    problemId: p.id,
    category: p.category,
    severity: p.severity,
    status: p.status,
    description: p.description,
    unitId: p.unitId,
    unitName: p.unitId ? names.unitName(p.unitId) : null,
    villageName: p.villageId ? names.unitName(p.villageId) : null,
    householdCode: p.householdCode,
    openedAt: p.openedAt.toISOString(),
    dueAt: p.dueAt.toISOString(),
    overdue: isActive(p.status) && p.dueAt < window.weekEnd,
  }));
  return {
    weekStart: window.weekStart,
    lastDate: window.lastDate,
    generatedAt: window.generatedAt.toISOString(),
    stallWeeks: window.stallWeeks,
    totals: {
      households: n,
      completionStart: completionPercent(stepsStart, n),
      completion: completionPercent(stepsEnd, n),
      gain: gainPoints(stepsStart, stepsEnd, n),
      signedPercent: sharePercent(
        sum(households, (c) => c.signed),
        n,
      ),
      closed,
      closedOnTime,
      onTimeRate: onTimeRate(closedOnTime, closed),
      overdueProblems: sum(problems, (c) => c.overdue),
      overdueVisits: sum(households, (c) => c.overdueVisits),
      supervised: supervised.length,
      stalledUnits: stalled.length,
    },
    rankings: {
      taskForces: ranking(householdGroups(facts, 'taskForceId', names.unitName, 'problems'), 'households'),
      townships: ranking(householdGroups(facts, 'townshipId', names.unitName, 'problems'), 'households'),
      villages: ranking(householdGroups(facts, 'villageId', names.unitName, 'problems'), 'households'),
      units: ranking(unitGroups(facts, names), 'units'),
      cadres: ranking(householdGroups(facts, 'cadreId', names.cadreName, 'visits'), 'households'),
    },
    stalledUnits: stalled,
    supervised,
  };
}
