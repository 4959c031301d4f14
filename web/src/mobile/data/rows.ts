import type { HouseholdRow, SyncHousehold } from './types';

/** The list's row of a household: written with the full record, in the same transaction (applyDelta). */
export function toRow(h: SyncHousehold): HouseholdRow {
  return {
    id: h.id,
    code: h.code,
    headName: h.headName,
    villageId: h.villageId,
    villageName: h.villageName,
    group: h.group,
    address: h.address,
    stage: h.stage,
    onHold: h.onHold,
    light: h.light,
    lastVisitAt: h.lastVisitAt,
  };
}
