import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { Clock } from '../../common/time/business-clock';
import { TransactionRunner } from '../../database/transaction-runner';
import { HouseholdEntity } from './entities/household.entity';
import { HouseholdDerivedRepository } from './household-derived.repository';
import { computeLight, Light, LightFacts, LightReason } from './lights';
import { HouseholdLinks, PlanFacts } from './household-links';

const BATCH = 5000;
/**
 * Pages of changed lights written at once by the review, each in its own transaction (they touch different
 * households). On PostgreSQL a second connection writes on the second core: a changed colour is an entry in each of
 * the household table's indexes, most of the next day's review on the bench (bench/README §20). SQLite's one
 * writer takes them in turn.
 */
const WRITERS = 2;

const push = (groups: Map<string, string[]>, key: string, id: string) => {
  const ids = groups.get(key);
  if (ids) ids.push(id);
  else groups.set(key, [id]);
};

/**
 * The one place that writes a household's derived columns: its light and the light's reasons (recomputed inside
 * the transaction of whatever changed it, and for every household by the daily review), last visit and
 * open-problem count.
 */
@Injectable()
export class HouseholdDerived {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repository: HouseholdDerivedRepository,
    private readonly links: HouseholdLinks,
    private readonly transactions: TransactionRunner,
    private readonly clock: Clock,
  ) {}

  async refreshLight(
    manager: EntityManager,
    household: HouseholdEntity,
    /** What the caller read for several households at once (markVisited): plan facts and stored reasons. */
    known?: { plan: PlanFacts | null; now: Date; reasons: string },
  ): Promise<{ light: Light; reasons: LightReason[] }> {
    const now = known?.now ?? this.clock.now();
    // Most households have no open problem: skip the query then (it is on the visit hot path).
    const problems =
      household.openProblems > 0
        ? await this.links.problems.activeCounts(manager, household.id, now)
        : { overdue: 0, p1: 0 };
    const plan = known ? known.plan : await this.links.plan.factsFor(manager, household, now);
    const stored =
      known?.reasons ?? (await this.repository.reasonsOf(manager, [household.id])).get(household.id) ?? '[]';
    const result = computeLight(
      {
        stage: household.stage,
        onHold: household.onHold,
        createdAt: household.createdAt,
        stageChangedAt: household.stageChangedAt,
        lastVisitAt: household.lastVisitAt,
        overdueProblems: problems.overdue,
        openP1Problems: problems.p1,
        behindPlan: plan?.behindPlan,
        cannotMakeMoveDate: plan?.cannotMakeMoveDate,
      },
      now,
      this.config.lights,
    );
    const serialized = JSON.stringify(result.reasons);
    const colours = new Map<string, string[]>();
    const reasons = new Map<string, string[]>();
    if (result.light !== household.light) colours.set(result.light, [household.id]);
    if (serialized !== stored) reasons.set(serialized, [household.id]);
    if (colours.size || reasons.size) await this.repository.saveLights(manager, colours, reasons);
    household.light = result.light;
    return result;
  }

  /** Each household's reasons as stored (the view shows them beside the colour on the household row). */
  async reasonsOf(ids: string[], manager?: EntityManager): Promise<Map<string, LightReason[]>> {
    const stored = await this.repository.reasonsOf(manager ?? this.transactions.manager, ids);
    return new Map(ids.map((id) => [id, JSON.parse(stored.get(id) ?? '[]') as LightReason[]]));
  }

  /**
   * Every household's light as of `now` (or one village's: a changed move date replans it); idempotent, so a
   * crash halfway is repaired by running again.
   */
  async recomputeLights(now: Date, villageId?: string, pageSize = BATCH) {
    const problems = await this.links.problems.activeCountsByHousehold(now);
    const planOf = await this.links.plan.forReview(now, villageId);
    const stored = await this.repository.storedReasons(villageId);
    const lights: Record<string, number> = { green: 0, yellow: 0, red: 0 };
    const reasons: Record<string, number> = {};
    let households = 0;
    let changed = 0;
    let reading = this.repository.lightPage(null, pageSize, villageId);
    const writing: Promise<void>[] = [];
    for (;;) {
      const { rows: page, next } = await reading;
      if (page.length === 0) break;
      // The next page is read while this one's changes are computed and written: on PostgreSQL another
      // connection on another core (the next day's review on the bench, 25,000 changed lights: bench/README §20).
      // A failed write leaves the read to be dropped, not to end the process as an unhandled rejection.
      reading = this.repository.lightPage(next, pageSize, villageId);
      reading.catch(() => undefined);
      const colours = new Map<string, string[]>();
      const changedReasons = new Map<string, string[]>();
      for (const h of page) {
        const counts = problems.get(h.id) ?? { overdue: 0, p1: 0 };
        const plan = planOf(h);
        // The facts by name, not `{ ...h }`: spreading a hydrated entity (every column a field) per household
        // made most of the review's garbage (bench/README.md, "Daily cycle").
        const facts: LightFacts = {
          stage: h.stage,
          onHold: h.onHold,
          createdAt: h.createdAt,
          stageChangedAt: h.stageChangedAt,
          lastVisitAt: h.lastVisitAt,
          overdueProblems: counts.overdue,
          openP1Problems: counts.p1,
          behindPlan: plan?.behindPlan,
          cannotMakeMoveDate: plan?.cannotMakeMoveDate,
        };
        const result = computeLight(facts, now, this.config.lights);
        lights[result.light] += 1;
        for (const reason of result.reasons) reasons[reason] = (reasons[reason] ?? 0) + 1;
        const serialized = JSON.stringify(result.reasons);
        const before = stored.get(h.id) ?? '[]';
        if (result.light !== h.light) push(colours, result.light, h.id);
        if (serialized !== before) push(changedReasons, serialized, h.id);
        if (result.light !== h.light || serialized !== before) changed += 1;
      }
      if (colours.size || changedReasons.size) {
        const written = this.transactions.run((manager) =>
          this.repository.saveLights(manager, colours, changedReasons),
        );
        written.catch(() => undefined); // awaited below; a failure ends the walk there
        writing.push(written);
        if (writing.length === WRITERS) await writing.shift();
      }
      households += page.length;
    }
    await Promise.all(writing);
    return { households, changed, lights, reasons };
  }

  /**
   * Each household's latest new visit (`latest`: household id → visit time) moves its lastVisitAt forward,
   * never back (a late upload of an old visit does not rewind it), and its light is recomputed from the row
   * as it is now, inside the visits' transaction.
   */
  async markVisited(manager: EntityManager, latest: Map<string, Date>): Promise<void> {
    const read = (await this.repository.byIds(manager, [...latest.keys()])).filter(
      ({ household }) => !household.lastVisitAt || household.lastVisitAt < latest.get(household.id)!,
    );
    const households = read.map(({ household }) => household);
    await this.repository.markVisited(
      manager,
      households.map((household) => ({ householdId: household.id, visitedAt: latest.get(household.id)! })),
    );
    // The batch's plan facts in one statement, not one per household: visits are the hottest write.
    const now = this.clock.now();
    const plans = await this.links.plan.factsForMany(manager, households, now);
    for (const { household, reasons } of read) {
      household.lastVisitAt = latest.get(household.id)!;
      await this.refreshLight(manager, household, { plan: plans.get(household.id) ?? null, now, reasons });
    }
  }

  adjustOpenProblems(manager: EntityManager, householdId: string, delta: number): Promise<void> {
    return this.repository.adjustOpenProblems(manager, householdId, delta);
  }
}
