import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AccessPolicy } from '../../common/policy/access-policy';
import { Actor } from '../../common/policy/actor';
import { HouseholdEntity } from './entities/household.entity';
import { MemberEntity } from './entities/member.entity';
import { HouseholdErrors } from './households.errors';
import { HouseholdsRepository } from './households.repository';

/** A household row as other modules read it; they change it only through this gateway. */
export type Household = HouseholdEntity;
export type HouseholdMember = MemberEntity;

/** The fields of a household other modules may set: its stage, intent and hold, never its derived columns. */
export type HouseholdFields = Partial<
  Omit<HouseholdEntity, 'id' | 'version' | 'light' | 'lastVisitAt' | 'openProblems'>
>;

/** A household row made of parts (the ledger's plans): a new object of the entity's class, as inserts want. */
export function householdRow(...parts: Partial<Household>[]): Household {
  return Object.assign(new HouseholdEntity(), ...parts);
}

/**
 * The households module's gateway: the household as the actor's data scope sees it (a household outside it
 * is "not found"), and the few writes other modules make to the row. The household table's SQL stays in
 * this module (docs/architecture.md, "Modules and layers").
 */
@Injectable()
export class HouseholdAccess {
  constructor(private readonly households: HouseholdsRepository) {}

  /** The household if the actor's scope holds it, else `notFound()` (404 HOUSEHOLD_NOT_FOUND by default). */
  async requireVisible(
    actor: Actor,
    id: string,
    manager?: EntityManager,
    notFound: () => Error = HouseholdErrors.notFound,
  ): Promise<Household> {
    const household = await this.households.findVisible(AccessPolicy.householdScope(actor), id, manager);
    if (!household) throw notFound();
    return household;
  }

  /** A visible household the actor may work on (its own cadre, or the command centre), else `notYours()`. */
  async requireWorkable(
    actor: Actor,
    id: string,
    manager: EntityManager | undefined,
    notYours: () => Error,
  ): Promise<Household> {
    const household = await this.requireVisible(actor, id, manager);
    if (!AccessPolicy.canWorkOnHousehold(actor, household)) throw notYours();
    return household;
  }

  /** Since when a household has had its cadre, from its assignment history (households.repository.ts). */
  cadreSince(household: { id: string; cadreId: string | null }): Promise<Date | null> {
    return this.households.cadreSince(household.id, household.cadreId);
  }

  async isVisible(actor: Actor, id: string): Promise<boolean> {
    return !!(await this.households.findVisible(AccessPolicy.householdScope(actor), id));
  }

  findById(id: string, manager?: EntityManager): Promise<Household | null> {
    return this.households.findById(id, manager);
  }

  /** Code and head's name by id (one query): what lists of approvals and problems show beside the id. */
  labels(ids: string[]): Promise<Map<string, { code: string; headName: string }>> {
    return this.households.labels(ids);
  }

  /** Optimistic update (the version bumps): false when `version` is stale. */
  update(manager: EntityManager, id: string, version: number, fields: HouseholdFields): Promise<boolean> {
    return this.households.update(manager, id, version, fields);
  }

  /**
   * Removes one member of a household by resident-ID hash and bumps its version (the duplicates' "same person"
   * merge): the removed row, or null when the household has no such member. The caller refuses heads.
   */
  removeMember(
    manager: EntityManager,
    householdId: string,
    idHash: string,
    at: Date,
  ): Promise<HouseholdMember | null> {
    return this.households.removeMember(manager, householdId, idHash, at);
  }

  /** An update that does not need the caller's version (the stage mover, an intent), still bumping it. */
  touch(manager: EntityManager, id: string, fields: HouseholdFields): Promise<void> {
    return this.households.touch(manager, id, fields);
  }
}
