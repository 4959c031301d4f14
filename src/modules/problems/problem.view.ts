import { problemLight } from '../households/lights';
import { ProblemView } from './dtos/problem.dto';
import { ProblemEntity } from './entities/problem.entity';
import { isActive } from './problem-states';

/** What a view shows beside the ids: households' code and head, users' display names. */
export interface ProblemNames {
  households: Map<string, { code: string; headName: string }>;
  users: Map<string, string>;
}

/** `now` decides `overdue` and the problem's light. */
export function problemView(problem: ProblemEntity, names: ProblemNames, now: Date): ProblemView {
  const household = problem.householdId ? names.households.get(problem.householdId) : undefined;
  return {
    id: problem.id,
    householdId: problem.householdId,
    householdCode: household?.code ?? null,
    headName: household?.headName ?? null,
    villageId: problem.villageId,
    category: problem.category,
    severity: problem.severity,
    description: problem.description,
    status: problem.status,
    reporterId: problem.reporterId,
    reporterName: names.users.get(problem.reporterId) ?? null,
    unitId: problem.unitId,
    ownerId: problem.ownerId,
    ownerName: problem.ownerId ? (names.users.get(problem.ownerId) ?? null) : null,
    openedAt: problem.openedAt.toISOString(),
    dueAt: problem.dueAt.toISOString(),
    resolvedAt: problem.resolvedAt?.toISOString() ?? null,
    closedAt: problem.closedAt?.toISOString() ?? null,
    resolution: problem.resolution,
    supervised: problem.supervised,
    overdue: isActive(problem.status) && problem.dueAt < now,
    light: problemLight(problem, now),
    reopenCount: problem.reopenCount,
    version: problem.version,
  };
}
