import { Injectable, OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { chunks } from '../../common/chunks';
import { Clock } from '../../common/time/business-clock';
import { TransactionRunner } from '../../database/transaction-runner';
import { HouseholdDuplicates, HouseholdLinks } from '../households/household-links';
import { DuplicateReason, pairKey, reasonsToColumn } from './duplicate-labels';
import { DuplicatesRepository, Person } from './duplicates.repository';
import { DuplicatePairEntity } from './entities/duplicate-pair.entity';

export interface DetectionResult {
  /** Pairs flagged for the first time. */
  flagged: number;
  /** "Same person" pairs whose two entries are both back (a ledger put the merged-away entry back): open again. */
  reopened: number;
  /** Open pairs whose evidence is gone (a name or phone corrected, a member removed). */
  cleared: number;
}

/** Households per transaction when detecting after a bulk write. */
const BULK_DETECTION = 500;

type Evidence = Pick<
  DuplicatePairEntity,
  | 'householdAId'
  | 'householdBId'
  | 'nameA'
  | 'nameB'
  | 'birthDateA'
  | 'birthDateB'
  | 'relationA'
  | 'relationB'
  | 'reasons'
>;

const evidence = (a: Person, b: Person, reasons: Set<DuplicateReason>): Evidence => ({
  householdAId: a.householdId,
  householdBId: b.householdId,
  nameA: a.name,
  nameB: b.name,
  birthDateA: a.birthDate,
  birthDateB: b.birthDate,
  relationA: a.relation,
  relationB: b.relation,
  reasons: reasonsToColumn(reasons),
});

const sameEvidence = (pair: DuplicatePairEntity, next: Evidence) =>
  (Object.keys(next) as (keyof Evidence)[]).every((key) => pair[key] === next[key]);

/**
 * Flags likely duplicate people after households are written (created, edited, imported, merged), in the write's
 * transaction: the people of those households against everyone else's, in a few set-based statements. Flagging
 * never refuses a write. Decided pairs keep their decision ("different people" is never flagged again); open
 * pairs whose evidence went away are cleared.
 */
@Injectable()
export class DuplicateDetector implements HouseholdDuplicates, OnModuleInit {
  constructor(
    private readonly pairs: DuplicatesRepository,
    private readonly links: HouseholdLinks,
    private readonly clock: Clock,
    private readonly transactions: TransactionRunner,
  ) {}

  onModuleInit(): void {
    this.links.provideDuplicates(this);
  }

  async householdsWritten(manager: EntityManager, householdIds: string[]): Promise<void> {
    await this.detect(manager, householdIds);
  }

  /**
   * Right after a bulk write committed (the ledger): its own transactions, a few hundred households each. After
   * the commit rather than inside each batch, so batches written side by side (PostgreSQL) see each other's people.
   */
  async afterBulkWrite(householdIds: string[]): Promise<DetectionResult> {
    const total: DetectionResult = { flagged: 0, reopened: 0, cleared: 0 };
    for (const ids of chunks(householdIds, BULK_DETECTION)) {
      const result = await this.transactions.run((manager) => this.detect(manager, ids));
      total.flagged += result.flagged;
      total.reopened += result.reopened;
      total.cleared += result.cleared;
    }
    return total;
  }

  async detect(manager: EntityManager, householdIds: string[]): Promise<DetectionResult> {
    const result: DetectionResult = { flagged: 0, reopened: 0, cleared: 0 };
    if (householdIds.length === 0) return result;
    const now = this.clock.now();
    const found = new Map<string, { a: Person; b: Person; reasons: Set<DuplicateReason> }>();
    for (const match of await this.pairs.matchesOf(manager, householdIds)) {
      const key = pairKey(match.a.idHash, match.b.idHash);
      const entry = found.get(key);
      if (entry) entry.reasons.add(match.reason);
      else found.set(key, { a: match.a, b: match.b, reasons: new Set([match.reason]) });
    }
    const touching = await this.pairs.pairsTouching(manager, householdIds);
    const stored = new Map(touching.map((pair) => [pair.pairKey, pair]));
    // A person who moved household: their pair is stored under the household they came from.
    const elsewhere = [...found.keys()].filter((key) => !stored.has(key));
    for (const pair of await this.pairs.byKeys(elsewhere, manager)) stored.set(pair.pairKey, pair);

    const inserts: DuplicatePairEntity[] = [];
    for (const [key, { a, b, reasons }] of found) {
      const pair = stored.get(key);
      if (!pair) {
        inserts.push(
          Object.assign(new DuplicatePairEntity(), {
            id: randomUUID(),
            pairKey: key,
            personAHash: a.idHash,
            personBHash: b.idHash,
            ...evidence(a, b, reasons),
            status: 'open',
            decidedBy: null,
            decidedAt: null,
            decisionNote: null,
            keptHouseholdId: null,
            detectedAt: now,
            updatedAt: now,
            version: 1,
          }),
        );
        continue;
      }
      const next = pair.personAHash === a.idHash ? evidence(a, b, reasons) : evidence(b, a, reasons);
      // Both entries of a merged pair are back: the merge is undone in the data, so it is up for review again.
      const reopen = pair.status === 'same_person';
      if (!reopen && sameEvidence(pair, next)) continue;
      await this.pairs.update(manager, pair.id, {
        ...next,
        updatedAt: now,
        ...(reopen
          ? {
              status: 'open',
              decidedBy: null,
              decidedAt: null,
              decisionNote: null,
              keptHouseholdId: null,
              detectedAt: now,
              version: pair.version + 1,
            }
          : {}),
      });
      if (reopen) result.reopened++;
    }
    const cleared = touching.filter((pair) => pair.status === 'open' && !found.has(pair.pairKey));
    await this.pairs.delete(
      manager,
      cleared.map((pair) => pair.id),
    );
    await this.pairs.insert(manager, inserts);
    result.flagged = inserts.length;
    result.cleared = cleared.length;
    return result;
  }
}
