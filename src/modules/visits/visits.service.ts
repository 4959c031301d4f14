import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { createHash, randomUUID } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { DomainError } from '../../common/errors/domain-error';
import { Page } from '../../common/http/pagination';
import { validationDetails } from '../../common/http/validation';
import { AccessPolicy } from '../../common/policy/access-policy';
import { Actor } from '../../common/policy/actor';
import { businessDate, Clock } from '../../common/time/business-clock';
import { TransactionRunner } from '../../database/transaction-runner';
import { HouseholdErrors } from '../households/households.errors';
import { CreateVisitDto, SyncResultItem, SyncVisitDto, VisitQueryDto, VisitView } from './dtos/visit.dto';
import { VisitEntity } from './entities/visit.entity';
import { VisitErrors } from './visits.errors';
import { VisitWriter } from './visit-writer';
import { VisitsRepository } from './visits.repository';
import { HouseholdAccess } from '../households/household-access';
import { visitView } from './visit.view';

// Devices' clocks drift; a visit a few minutes "in the future" is still a real visit.
const CLOCK_SKEW_MS = 10 * 60 * 1000;
const SYNC_CHUNK = 50;

export type VisitOutcome = { status: 'created' | 'duplicate'; visit: VisitView };

@Injectable()
export class VisitsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly visits: VisitsRepository,
    private readonly households: HouseholdAccess,
    private readonly transactions: TransactionRunner,
    private readonly writer: VisitWriter,
    private readonly clock: Clock,
  ) {}

  /** Same clientId and content → the stored visit; same clientId, other content → 409. */
  async create(actor: Actor, householdId: string, dto: CreateVisitDto): Promise<VisitOutcome> {
    const visitedAt = new Date(dto.visitedAt);
    const now = this.clock.now();
    if (visitedAt.getTime() > now.getTime() + CLOCK_SKEW_MS) throw VisitErrors.inFuture();
    const contentHash = this.contentHash(householdId, visitedAt, dto);
    const manager = this.transactions.manager;
    const { household, existingId } = await this.visits.precheck(
      AccessPolicy.householdScope(actor),
      householdId,
      dto.clientId ?? null,
    );
    if (existingId)
      return this.duplicate(actor, (await this.visits.findById(manager, existingId))!, contentHash);
    if (!household) throw HouseholdErrors.notFound();
    if (!AccessPolicy.canWorkOnHousehold(actor, household)) throw VisitErrors.notYours();
    const visit = Object.assign(new VisitEntity(), {
      id: randomUUID(),
      householdId,
      cadreId: actor.id,
      visitedAt,
      businessDate: businessDate(visitedAt, this.config.businessTimeZone),
      method: dto.method,
      summary: dto.summary,
      attitude: dto.attitude ?? null,
      concerns: dto.concerns ?? null,
      intentObserved: dto.intentObserved ?? null,
      lat: dto.location?.lat ?? null,
      lng: dto.location?.lng ?? null,
      clientId: dto.clientId ?? null,
      contentHash,
      createdAt: now,
    });
    if (await this.writer.write(actor, visit)) return { status: 'created', visit: visitView(visit) };
    // Another upload of this clientId was stored first: answer as a resend (or 409 if the content differs).
    const stored = await this.visits.findByClientId(manager, dto.clientId!);
    if (!stored) throw new Error('visit was neither stored nor found by its clientId');
    return this.duplicate(actor, stored, contentHash);
  }

  /** A device's offline batch: each item on its own, in its own transaction; one bad item stops nothing. */
  async sync(actor: Actor, items: Record<string, unknown>[]): Promise<{ results: SyncResultItem[] }> {
    const results: SyncResultItem[] = [];
    // Items go in chunks, concurrently within a chunk, so they share the visit writer's group commits.
    for (let i = 0; i < items.length; i += SYNC_CHUNK) {
      results.push(
        ...(await Promise.all(items.slice(i, i + SYNC_CHUNK).map((item) => this.syncOne(actor, item)))),
      );
    }
    return { results };
  }

  private async syncOne(actor: Actor, item: Record<string, unknown>): Promise<SyncResultItem> {
    const clientId = typeof item.clientId === 'string' ? item.clientId : '';
    const dto = plainToInstance(SyncVisitDto, item);
    const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: true });
    if (errors.length) {
      return {
        clientId,
        status: 'rejected',
        error: { code: 'VALIDATION_FAILED', message: '请求参数有误', details: validationDetails(errors) },
      };
    }
    const { householdId, ...visit } = dto;
    try {
      const outcome = await this.create(actor, householdId, visit);
      return { clientId, status: outcome.status, visitId: outcome.visit.id };
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return {
        clientId,
        status: 'rejected',
        error: { code: error.code, message: error.message, details: error.details },
      };
    }
  }

  /** Whether the visit was made to this household (an intent may cite the visit that collected it). */
  belongsTo(manager: EntityManager, visitId: string, householdId: string): Promise<boolean> {
    return this.visits.belongsTo(manager, visitId, householdId);
  }

  async list(actor: Actor, query: VisitQueryDto): Promise<Page<VisitView>> {
    const [rows, total] = await this.visits.list(
      AccessPolicy.householdScope(actor),
      query,
      query.page,
      query.pageSize,
    );
    return { items: rows.map(visitView), total, page: query.page, pageSize: query.pageSize };
  }

  private async duplicate(actor: Actor, existing: VisitEntity, contentHash: string): Promise<VisitOutcome> {
    if (existing.contentHash !== contentHash) throw VisitErrors.clientIdReused();
    // The stored visit is only returned to someone who may see its household.
    if (!(await this.households.isVisible(actor, existing.householdId))) {
      throw VisitErrors.clientIdReused();
    }
    return { status: 'duplicate', visit: visitView(existing) };
  }

  private contentHash(householdId: string, visitedAt: Date, dto: CreateVisitDto): string {
    const canonical = JSON.stringify([
      householdId,
      visitedAt.toISOString(),
      dto.method,
      dto.summary,
      dto.attitude ?? null,
      dto.concerns ?? null,
      dto.intentObserved ?? null,
      dto.location ? [dto.location.lat, dto.location.lng] : null,
    ]);
    return createHash('sha256').update(canonical).digest('hex');
  }
}
