import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { HouseholdScope } from '../../common/policy/access-policy';
import { HouseholdEntity } from './entities/household.entity';
import { HouseholdFilter } from './household-scope';

export interface ProblemCounts {
  overdue: number;
  p1: number;
}

/** What households need of a household's problems; the problems module provides it. */
export interface HouseholdProblems {
  /** Overdue and P1 problems still being worked on, for one household (its light). */
  activeCounts(manager: EntityManager, householdId: string, now: Date): Promise<ProblemCounts>;
  /** The same for every household that has active problems, in one GROUP BY (the daily review). */
  activeCountsByHousehold(now: Date): Promise<Map<string, ProblemCounts>>;
  /** A moved household's problems follow it: their village and township decide which officials see them. */
  followMove(
    manager: EntityManager,
    householdId: string,
    villageId: string,
    townshipId: string | null,
  ): Promise<void>;
}

/** What households need of the approvals: a pending request blocks moving a household to another village. */
export interface HouseholdApprovals {
  /** Of these households, those with a request waiting (one query). */
  pendingAmong(householdIds: string[], manager?: EntityManager): Promise<Set<string>>;
}

/** A household's changing columns as they were at a past instant (the history module rebuilds them). */
export type PastFields = Pick<
  HouseholdEntity,
  | 'villageId'
  | 'townshipId'
  | 'taskForceId'
  | 'cadreId'
  | 'flags'
  | 'onHold'
  | 'holdReason'
  | 'stage'
  | 'stageChangedAt'
  | 'intentOption'
  | 'intentSite'
  | 'intentLivelihood'
  | 'intentRecordedAt'
  | 'lastVisitAt'
  | 'openProblems'
  | 'light'
> & { lightReasons: string[] };

/** What households need of the history module: `?asOf=` reads (docs/architecture.md, "History"). */
export interface HouseholdPast {
  /** One household at `at`; null: it did not exist yet. */
  one(householdId: string, at: Date): Promise<PastFields | null>;
  /** These households at `at`, by id; one not registered yet is missing. */
  many(householdIds: string[], at: Date): Promise<Map<string, PastFields>>;
  /** A page of the households the scope sees (today), filtered and sorted on what they were at `at`. */
  list(
    scope: HouseholdScope,
    filter: HouseholdFilter,
    at: Date,
    page: number,
    pageSize: number,
  ): Promise<{ items: { id: string; fields: PastFields }[]; total: number }>;
}

/**
 * What households tell the duplicates module: these households' people were written (created, edited, imported),
 * inside the write's transaction, so their likely duplicates are flagged with it.
 */
export interface HouseholdDuplicates {
  householdsWritten(manager: EntityManager, householdIds: string[]): Promise<void>;
}

/** What a household's light takes from its move-date plan (docs/architecture.md, "Planning"). */
export interface PlanFacts {
  behindPlan: boolean;
  cannotMakeMoveDate: boolean;
}

/** What households need of the planning module: the plan facts of a household's light. */
export interface HouseholdPlan {
  /** One household, inside the caller's transaction (one statement: its batch's or village's plan). */
  factsFor(
    manager: EntityManager,
    household: { id: string; villageId: string; stage: string },
    now: Date,
  ): Promise<PlanFacts | null>;
  /** `factsFor` of several households in one statement (a batch of visits), by household id. */
  factsForMany(
    manager: EntityManager,
    households: Array<{ id: string; villageId: string; stage: string }>,
    now: Date,
  ): Promise<Map<string, PlanFacts | null>>;
  /**
   * For the review: the village paces measured and stored set-based (one village, or every one), then a pure
   * function giving each household's facts from memory, so the review makes no per-household query.
   */
  forReview(
    now: Date,
    villageId?: string,
  ): Promise<(household: { id: string; villageId: string; stage: string }) => PlanFacts | null>;
}

/**
 * The modules above households that households must ask or tell something (problems, approvals) fill these
 * ports at start-up, so households never read or write their tables and never import them; start-up fails
 * if one is missing.
 */
@Injectable()
export class HouseholdLinks implements OnApplicationBootstrap {
  private problemsPort: HouseholdProblems | null = null;
  private approvalsPort: HouseholdApprovals | null = null;
  private pastPort: HouseholdPast | null = null;
  private duplicatesPort: HouseholdDuplicates | null = null;
  private planPort: HouseholdPlan | null = null;

  provideProblems(port: HouseholdProblems): void {
    this.problemsPort = port;
  }

  provideApprovals(port: HouseholdApprovals): void {
    this.approvalsPort = port;
  }

  providePast(port: HouseholdPast): void {
    this.pastPort = port;
  }

  provideDuplicates(port: HouseholdDuplicates): void {
    this.duplicatesPort = port;
  }

  providePlan(port: HouseholdPlan): void {
    this.planPort = port;
  }

  onApplicationBootstrap(): void {
    const missing = [
      !this.problemsPort && 'problems',
      !this.approvalsPort && 'approvals',
      !this.pastPort && 'history',
      !this.duplicatesPort && 'duplicates',
      !this.planPort && 'planning',
    ].filter(Boolean);
    if (missing.length) throw new Error(`Households need the ${missing.join(' and ')} module(s) at start-up`);
  }

  get problems(): HouseholdProblems {
    if (!this.problemsPort) throw new Error('Households need the problems module');
    return this.problemsPort;
  }

  get duplicates(): HouseholdDuplicates {
    if (!this.duplicatesPort) throw new Error('Households need the duplicates module');
    return this.duplicatesPort;
  }

  get approvals(): HouseholdApprovals {
    if (!this.approvalsPort) throw new Error('Households need the approvals module');
    return this.approvalsPort;
  }

  get plan(): HouseholdPlan {
    if (!this.planPort) throw new Error('Households need the planning module');
    return this.planPort;
  }

  get past(): HouseholdPast {
    if (!this.pastPort) throw new Error('Households need the history module');
    return this.pastPort;
  }
}
