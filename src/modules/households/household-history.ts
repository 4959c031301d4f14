import { HistoryCause, HouseholdHistoryEntity } from './entities/household-history.entity';

/** The columns household_history keeps (docs/architecture.md, "History"). */
export interface HistoryState {
  villageId: string;
  townshipId: string | null;
  taskForceId: string | null;
  cadreId: string | null;
  flags: string;
  onHold: boolean;
  holdReason: string | null;
}

const TRACKED: (keyof HistoryState)[] = [
  'villageId',
  'townshipId',
  'taskForceId',
  'cadreId',
  'flags',
  'onHold',
  'holdReason',
];

/** Whether a change touches a tracked column: `after` holds the changed columns, or the whole row. */
export function changesHistory(before: HistoryState, after: Partial<HistoryState>): boolean {
  return TRACKED.some((key) => key in after && after[key] !== undefined && after[key] !== before[key]);
}

/** The row that records `household` (its state after the change) at `at`. */
export function historyRow(
  household: HistoryState & { id: string },
  actorId: string,
  cause: HistoryCause,
  at: Date,
): Omit<HouseholdHistoryEntity, 'id'> {
  return {
    householdId: household.id,
    at,
    actorId,
    cause,
    villageId: household.villageId,
    townshipId: household.townshipId,
    taskForceId: household.taskForceId,
    cadreId: household.cadreId,
    flags: household.flags,
    onHold: household.onHold,
    holdReason: household.holdReason,
  };
}
