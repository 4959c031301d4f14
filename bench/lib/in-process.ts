import { Actor } from '../../src/common/policy/actor';

/** Helpers of the benches that call the application's services in process (history, cells, bulletin-cells). */

/** Milliseconds since `start` (process.hrtime.bigint()). */
export const ms = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e6;

/** The p-th percentile of `values`, to 0.1. */
export function pct(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] * 10) / 10;
}

/** The caller a service sees, for an `app_user` row read by the bench (its id and unit). */
export const benchActor = (row: { id: string; org_unit_id: string | null }, role: Actor['role']): Actor => ({
  id: row.id,
  username: role,
  displayName: role,
  role,
  orgUnitId: row.org_unit_id,
  requestId: null,
});
