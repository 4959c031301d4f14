/** A household's chain, in order (docs/architecture.md, "The responsibility matrix"). */
export interface Chain {
  cadreId: string | null;
  villageLeaderId: string | null;
  taskForceLeaderId: string | null;
}

/**
 * Who a task is raised to, level by level: the people of the chain after its assignee (after the cadre when the
 * assignee is a unit or a level), each once, never the assignee; nobody missing from the chain takes a level.
 */
export function escalationLadder(assigneeUserId: string | null, chain: Chain): string[] {
  const people = [chain.cadreId, chain.villageLeaderId, chain.taskForceLeaderId];
  const at = assigneeUserId ? people.indexOf(assigneeUserId) : -1;
  const above = at >= 0 ? people.slice(at + 1) : people.slice(1);
  const ladder: string[] = [];
  for (const id of above) if (id && id !== assigneeUserId && !ladder.includes(id)) ladder.push(id);
  return ladder;
}

/** Whole days from one YYYY-MM-DD date to another. */
export function daysAfter(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * The level a task open past its due date has reached on `today`: one level per `everyDays` days past it
 * (`ESCALATION_DAYS`), at most the ladder's length; never lower than the level it already has.
 */
export function escalationLevel(
  task: { dueDate: string; level: number },
  today: string,
  everyDays: number,
  ladderLength: number,
): number {
  const past = daysAfter(task.dueDate, today);
  const reached = past > 0 ? Math.floor(past / everyDays) : 0;
  return Math.max(task.level, Math.min(ladderLength, reached));
}
