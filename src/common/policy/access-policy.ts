import type { Role } from './role';
import { Actor } from './actor';

/** Which households an actor may see; repositories turn this into a WHERE clause, so a miss is a 404. */
export type HouseholdScope =
  | { kind: 'all' }
  | { kind: 'cadre'; cadreId: string }
  | { kind: 'org'; orgUnitId: string }
  | { kind: 'none' };

/** Which problems an actor may see: handlers see their unit's, cadres their households' and their own reports. */
export type ProblemScope =
  | { kind: 'all' }
  | { kind: 'cadre'; cadreId: string }
  | { kind: 'org'; orgUnitId: string }
  | { kind: 'unit'; unitId: string }
  | { kind: 'none' };

/** Whose tasks an actor sees: everyone's, or their own and (handlers, officials) their unit's. */
export type TaskScope = { kind: 'all' } | { kind: 'own'; userId: string; unitId: string | null };

export interface HouseholdRef {
  cadreId: string | null;
}

const READ_ALL: Role[] = ['admin', 'commander', 'supervisor'];
const REVEAL_ALL: Role[] = ['admin', 'commander'];

/** Every data-scope and record-level rule, in one place (docs/architecture.md, "Roles and access"). */
export const AccessPolicy = {
  householdScope(actor: Actor): HouseholdScope {
    if (READ_ALL.includes(actor.role)) return { kind: 'all' };
    if (actor.role === 'cadre') return { kind: 'cadre', cadreId: actor.id };
    if (actor.role === 'official' && actor.orgUnitId) return { kind: 'org', orgUnitId: actor.orgUnitId };
    return { kind: 'none' };
  },

  problemScope(actor: Actor): ProblemScope {
    if (READ_ALL.includes(actor.role)) return { kind: 'all' };
    if (actor.role === 'cadre') return { kind: 'cadre', cadreId: actor.id };
    if (actor.role === 'official' && actor.orgUnitId) return { kind: 'org', orgUnitId: actor.orgUnitId };
    if (actor.role === 'handler' && actor.orgUnitId) return { kind: 'unit', unitId: actor.orgUnitId };
    return { kind: 'none' };
  },

  /** Working a problem (progress, resolve): its unit's handlers, and the command centre. */
  canHandleProblem(actor: Actor, problem: { unitId: string | null }): boolean {
    if (actor.role === 'admin' || actor.role === 'commander') return true;
    return actor.role === 'handler' && !!problem.unitId && problem.unitId === actor.orgUnitId;
  },

  /** Recording the resident's verdict: the household's cadre (or the reporter), and the command centre. */
  canGiveProblemFeedback(
    actor: Actor,
    problem: { reporterId: string },
    household: HouseholdRef | null,
  ): boolean {
    if (actor.role === 'admin' || actor.role === 'commander') return true;
    if (actor.role !== 'cadre') return false;
    return household ? household.cadreId === actor.id : problem.reporterId === actor.id;
  },

  /** Editing a visible household's data: admins and the command centre, or the household's own cadre. */
  canEditHousehold(actor: Actor, household: HouseholdRef): boolean {
    if (actor.role === 'admin' || actor.role === 'commander') return true;
    return actor.role === 'cadre' && household.cadreId === actor.id;
  },

  /** Reporting a problem for a visible household: anyone who sees it, but a cadre only for their own. */
  canReportProblemFor(actor: Actor, household: HouseholdRef): boolean {
    return actor.role !== 'cadre' || household.cadreId === actor.id;
  },

  /** Giving a household another cadre (also through a ledger import): the command centre only. */
  canAssignCadre(actor: Actor): boolean {
    return actor.role === 'admin' || actor.role === 'commander';
  },

  taskScope(actor: Actor): TaskScope {
    if (READ_ALL.includes(actor.role)) return { kind: 'all' };
    const byUnit = actor.role === 'handler' || actor.role === 'official';
    return { kind: 'own', userId: actor.id, unitId: byUnit ? actor.orgUnitId : null };
  },

  /** Moving a household to another village or task force changes who sees and decides it: command centre only. */
  canMoveHousehold(actor: Actor): boolean {
    return actor.role === 'admin' || actor.role === 'commander';
  },

  /**
   * Where the actor may load a ledger (台账) import: admins and the command centre anywhere, an official
   * within their own township or village; null for everyone else (refused outright, 403).
   */
  ledgerImportScope(actor: Actor): HouseholdScope | null {
    if (REVEAL_ALL.includes(actor.role)) return { kind: 'all' };
    const scope = this.householdScope(actor);
    return actor.role === 'official' && scope.kind === 'org' ? scope : null;
  },

  /** Whether the role may ever see full resident IDs and phones; a refusal is 403 whatever the data. */
  mayReveal(actor: Actor): boolean {
    return REVEAL_ALL.includes(actor.role) || actor.role === 'cadre';
  },

  /** Full resident IDs and phones: admin, commander, and the household's own cadre. */
  canReveal(actor: Actor, household: HouseholdRef): boolean {
    if (REVEAL_ALL.includes(actor.role)) return true;
    return actor.role === 'cadre' && household.cadreId === actor.id;
  },

  /**
   * Deciding an approval at its current level: the household's township officials at township level, commanders
   * at command-centre level, admins at any.
   */
  canDecideApproval(actor: Actor, level: string, household: { townshipId: string | null }): boolean {
    if (actor.role === 'admin') return true;
    if (level === 'township') return actor.role === 'official' && actor.orgUnitId === household.townshipId;
    return actor.role === 'commander';
  },

  /**
   * Likely duplicate people (two households' entries): a pair is seen by whoever sees both households, so it
   * never tells of a household out of the actor's reach; the command centre sees all.
   */
  duplicateScope(actor: Actor): HouseholdScope {
    return this.householdScope(actor);
  },

  /** Deciding a likely duplicate (same person: a merge across households; different people): command centre. */
  canDecideDuplicate(actor: Actor): boolean {
    return REVEAL_ALL.includes(actor.role);
  },

  /** Setting the 包保 matrix (village leaders, task-force leaders, backing units): the command centre. */
  canSetResponsibles(actor: Actor): boolean {
    return REVEAL_ALL.includes(actor.role);
  },

  /** The cadre's own work on a household: visits, intent, stage requests, problems. */
  canWorkOnHousehold(actor: Actor, household: HouseholdRef): boolean {
    return this.canEditHousehold(actor, household);
  },
};
