import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CommonErrors } from '../../common/errors/domain-error';
import { Page } from '../../common/http/pagination';
import { AccessPolicy } from '../../common/policy/access-policy';
import { Actor } from '../../common/policy/actor';
import { PiiCipher } from '../../common/pii/pii-cipher';
import { Clock } from '../../common/time/business-clock';
import { TransactionRunner } from '../../database/transaction-runner';
import { AuditService } from '../audit/audit.service';
import { HouseholdAccess } from '../households/household-access';
import { householdRevealAudit } from '../households/household.view';
import { UserDirectory } from '../users/user-directory';
import {
  DuplicateDecisionDto,
  DuplicatePairView,
  DuplicateQueryDto,
  DuplicateScanView,
} from './dtos/duplicate.dto';
import { DuplicateDetector } from './duplicate-detector';
import { DUPLICATE_STATUSES, DuplicateStatus } from './duplicate-labels';
import { duplicatePairView } from './duplicate.view';
import { DuplicateErrors } from './duplicates.errors';
import { DuplicatesRepository, PersonDetail } from './duplicates.repository';
import { DuplicatePairEntity } from './entities/duplicate-pair.entity';

/** Households per transaction of the full scan. */
const SCAN_PAGE = 500;

/**
 * GET /duplicates and the command centre's decision on a pair (docs/architecture.md, "Duplicate people").
 * "Same person" merges: the entry in the other household is removed, the kept one stays as it is.
 */
@Injectable()
export class DuplicatesService {
  constructor(
    private readonly pairs: DuplicatesRepository,
    private readonly detector: DuplicateDetector,
    private readonly households: HouseholdAccess,
    private readonly users: UserDirectory,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditService,
    private readonly pii: PiiCipher,
    private readonly clock: Clock,
  ) {}

  async list(actor: Actor, query: DuplicateQueryDto): Promise<Page<DuplicatePairView>> {
    const { items, total } = await this.pairs.list(
      AccessPolicy.duplicateScope(actor),
      query,
      query.page,
      query.pageSize,
    );
    return { items: await this.views(items, false), total, page: query.page, pageSize: query.pageSize };
  }

  async get(actor: Actor, id: string, reveal = false): Promise<DuplicatePairView> {
    if (reveal && !AccessPolicy.canDecideDuplicate(actor)) throw DuplicateErrors.revealForbidden();
    const pair = await this.pairs.findVisible(AccessPolicy.duplicateScope(actor), id);
    if (!pair) throw DuplicateErrors.notFound();
    if (reveal) {
      await this.audit.recordAlone(
        actor,
        ...[pair.householdAId, pair.householdBId].map((householdId) => ({
          ...householdRevealAudit(householdId, { duplicatePairId: pair.id }),
          householdId,
        })),
      );
    }
    const [view] = await this.views([pair], reveal);
    return view;
  }

  /**
   * One decision per pair, all or nothing. "Same person": the entry of the household not kept is removed from
   * it (never a head: a household keeps its one head), audited on that household and on the pair.
   * "Different people": the pair stays on record and is never flagged again.
   */
  async decide(actor: Actor, id: string, dto: DuplicateDecisionDto): Promise<DuplicatePairView> {
    if (!AccessPolicy.canDecideDuplicate(actor)) throw DuplicateErrors.notAllowed();
    if (dto.decision === 'same_person' && !dto.keepHouseholdId) throw DuplicateErrors.keepRequired();
    if (dto.decision === 'different_people' && dto.keepHouseholdId) throw DuplicateErrors.keepNotAllowed();
    const now = this.clock.now();
    await this.transactions.run(async (manager) => {
      const pair = await this.pairs.findVisible(AccessPolicy.duplicateScope(actor), id, manager);
      if (!pair) throw DuplicateErrors.notFound();
      if (pair.status !== 'open')
        throw DuplicateErrors.alreadyDecided(
          DUPLICATE_STATUSES[pair.status as DuplicateStatus] ?? pair.status,
        );
      if (pair.version !== dto.version) throw CommonErrors.staleVersion();
      let merged: { kept: PersonDetail; gone: PersonDetail } | null = null;
      if (dto.decision === 'same_person') {
        merged = await this.mergeSides(pair, dto.keepHouseholdId!, manager);
        const removed = await this.households.removeMember(
          manager,
          merged.gone.householdId,
          merged.gone.idHash,
          now,
        );
        if (!removed) throw DuplicateErrors.changed();
        await this.audit.record(manager, actor, {
          action: 'duplicate_merge',
          entityType: 'household',
          entityId: merged.gone.householdId,
          householdId: merged.gone.householdId,
          before: { member: `${removed.name}/${removed.relation}/${removed.idHash.slice(0, 8)}` },
          after: { member: null },
          context: {
            duplicatePairId: pair.id,
            keptHouseholdId: merged.kept.householdId,
            note: dto.note ?? null,
          },
        });
      }
      const decided = await this.pairs.decide(manager, id, dto.version, {
        status: dto.decision,
        decidedBy: actor.id,
        decidedAt: now,
        decisionNote: dto.note ?? null,
        keptHouseholdId: merged?.kept.householdId ?? null,
        updatedAt: now,
      });
      if (!decided) throw CommonErrors.staleVersion();
      await this.audit.record(manager, actor, {
        action: 'duplicate_decide',
        entityType: 'duplicate_pair',
        entityId: pair.id,
        before: { status: pair.status },
        after: { status: dto.decision, keptHouseholdId: merged?.kept.householdId ?? null },
        context: {
          households: [pair.householdAId, pair.householdBId],
          reasons: pair.reasons.split(',').filter(Boolean),
          note: dto.note ?? null,
        },
      });
      // The removed entry's other open pairs go with it.
      if (merged) await this.detector.detect(manager, [merged.kept.householdId, merged.gone.householdId]);
    });
    return this.get(actor, id);
  }

  /**
   * Compares every household's people with everyone else's, a page at a time: the pairs in data that came in
   * before detection existed (or through a path that does not detect). Idempotent.
   */
  async scan(): Promise<DuplicateScanView> {
    const result: DuplicateScanView = { households: 0, flagged: 0, reopened: 0, cleared: 0 };
    for (let after: string | null = null; ;) {
      const ids = await this.pairs.householdIdsAfter(after, SCAN_PAGE);
      if (ids.length === 0) return result;
      const found = await this.transactions.run((manager) => this.detector.detect(manager, ids));
      result.households += ids.length;
      result.flagged += found.flagged;
      result.reopened += found.reopened;
      result.cleared += found.cleared;
      after = ids[ids.length - 1];
    }
  }

  /** Which entry stays and which goes, or the refusal that explains why these two cannot be merged. */
  private async mergeSides(
    pair: DuplicatePairEntity,
    keepHouseholdId: string,
    manager: EntityManager,
  ): Promise<{ kept: PersonDetail; gone: PersonDetail }> {
    const people = await this.pairs.people([pair.personAHash, pair.personBHash], manager);
    const a = people.get(pair.personAHash);
    const b = people.get(pair.personBHash);
    if (!a || !b || a.householdId === b.householdId) throw DuplicateErrors.changed();
    if (keepHouseholdId !== a.householdId && keepHouseholdId !== b.householdId)
      throw CommonErrors.validation([{ field: 'keepHouseholdId', message: '保留户须是这两户之一' }]);
    if (a.relation === 'head' && b.relation === 'head') throw DuplicateErrors.twoHeads();
    const [kept, gone] = keepHouseholdId === a.householdId ? [a, b] : [b, a];
    if (gone.relation === 'head') throw DuplicateErrors.removesHead(gone.code);
    return { kept, gone };
  }

  private async views(pairs: DuplicatePairEntity[], reveal: boolean): Promise<DuplicatePairView[]> {
    if (pairs.length === 0) return [];
    const people = await this.pairs.people(pairs.flatMap((p) => [p.personAHash, p.personBHash]));
    const gone = pairs.flatMap((p) => [
      ...(people.has(p.personAHash) ? [] : [p.householdAId]),
      ...(people.has(p.personBHash) ? [] : [p.householdBId]),
    ]);
    const deciderIds = [...new Set(pairs.map((p) => p.decidedBy).filter((id): id is string => !!id))];
    const [labels, deciders] = await Promise.all([
      this.households.labels(gone),
      this.users.findByIds(deciderIds),
    ]);
    const context = {
      people,
      labels,
      deciders: new Map(deciders.map((u) => [u.id, { id: u.id, displayName: u.displayName }])),
      reveal,
    };
    return pairs.map((pair) => duplicatePairView(pair, this.pii, context));
  }
}
