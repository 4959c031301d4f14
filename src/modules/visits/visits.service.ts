import { Inject, Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { createHash, randomUUID } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { DomainError } from '../../common/errors/domain-error';
import { uniqueViolation } from '../../common/errors/unique-violation';
import { Page } from '../../common/http/pagination';
import { validationDetails } from '../../common/http/validation';
import { AccessPolicy } from '../../common/policy/access-policy';
import { Actor } from '../../common/policy/actor';
import { businessDate, Clock } from '../../common/time/business-clock';
import { TransactionRunner } from '../../database/transaction-runner';
import { JobName } from '../../jobs/job-catalogue';
import { OutboxService } from '../../jobs/outbox.service';
import { AuditService } from '../audit/audit.service';
import { HouseholdErrors } from '../households/households.errors';
import { HouseholdsRepository } from '../households/households.repository';
import { LightsService } from '../lights/lights.service';
import { CreateVisitDto, SyncResultItem, SyncVisitDto, VisitQueryDto, VisitView } from './dtos/visit.dto';
import { VisitEntity } from './entities/visit.entity';
import { VisitErrors } from './visits.errors';
import { VisitsRepository } from './visits.repository';

// Devices' clocks drift; a visit a few minutes "in the future" is still a real visit.
const CLOCK_SKEW_MS = 10 * 60 * 1000;

export type VisitOutcome = { status: 'created' | 'duplicate'; visit: VisitView };

@Injectable()
export class VisitsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly visits: VisitsRepository,
    private readonly households: HouseholdsRepository,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditService,
    private readonly lights: LightsService,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
  ) {}

  /** Same clientId and content → the stored visit; same clientId, other content → 409. */
  async create(actor: Actor, householdId: string, dto: CreateVisitDto): Promise<VisitOutcome> {
    const visitedAt = new Date(dto.visitedAt);
    const now = this.clock.now();
    if (visitedAt.getTime() > now.getTime() + CLOCK_SKEW_MS) throw VisitErrors.inFuture();
    const contentHash = this.contentHash(householdId, visitedAt, dto);
    try {
      return await this.transactions.run(async (manager) => {
        if (dto.clientId) {
          const existing = await this.visits.findByClientId(manager, dto.clientId);
          if (existing) return this.duplicate(actor, existing, contentHash);
        }
        const household = await this.households.findVisible(
          AccessPolicy.householdScope(actor),
          householdId,
          manager,
        );
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
        await this.visits.insert(manager, visit);
        if (!household.lastVisitAt || household.lastVisitAt < visitedAt) {
          await this.visits.markVisited(manager, householdId, visitedAt);
          household.lastVisitAt = visitedAt;
          await this.lights.refresh(manager, household);
        }
        await this.audit.record(manager, actor, {
          action: 'visit',
          entityType: 'visit',
          entityId: visit.id,
          householdId,
          after: {
            visitedAt: visit.visitedAt.toISOString(),
            method: visit.method,
            attitude: visit.attitude,
            clientId: visit.clientId,
          },
        });
        // 急难愁盼 and resistance reach the command centre through the outbox: a Redis outage loses none.
        if (visit.concerns || visit.attitude === 'resistant') {
          await this.outbox.add(manager, JobName.Notify, { event: 'visit_concern', id: visit.id });
        }
        return { status: 'created' as const, visit: VisitsService.view(visit) };
      });
    } catch (error) {
      // Two uploads of one clientId raced: the loser answers like a resend.
      if (dto.clientId && uniqueViolation(error)) {
        const existing = await this.visits.findByClientId(this.transactions.manager, dto.clientId);
        if (existing) return this.duplicate(actor, existing, contentHash);
      }
      throw error;
    }
  }

  /** A device's offline batch: each item on its own, in its own transaction; one bad item stops nothing. */
  async sync(actor: Actor, items: Record<string, unknown>[]): Promise<{ results: SyncResultItem[] }> {
    const results: SyncResultItem[] = [];
    for (const item of items) {
      const clientId = typeof item.clientId === 'string' ? item.clientId : '';
      const dto = plainToInstance(SyncVisitDto, item);
      const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: true });
      if (errors.length) {
        results.push({
          clientId,
          status: 'rejected',
          error: { code: 'VALIDATION_FAILED', message: '请求参数有误', details: validationDetails(errors) },
        });
        continue;
      }
      const { householdId, ...visit } = dto;
      try {
        const outcome = await this.create(actor, householdId, visit);
        results.push({ clientId, status: outcome.status, visitId: outcome.visit.id });
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        results.push({
          clientId,
          status: 'rejected',
          error: { code: error.code, message: error.message, details: error.details },
        });
      }
    }
    return { results };
  }

  async list(actor: Actor, query: VisitQueryDto): Promise<Page<VisitView>> {
    const [rows, total] = await this.visits.list(
      AccessPolicy.householdScope(actor),
      query,
      query.page,
      query.pageSize,
    );
    return { items: rows.map(VisitsService.view), total, page: query.page, pageSize: query.pageSize };
  }

  private async duplicate(actor: Actor, existing: VisitEntity, contentHash: string): Promise<VisitOutcome> {
    if (existing.contentHash !== contentHash) throw VisitErrors.clientIdReused();
    // The stored visit is only returned to someone who may see its household.
    if (!(await this.households.findVisible(AccessPolicy.householdScope(actor), existing.householdId))) {
      throw VisitErrors.clientIdReused();
    }
    return { status: 'duplicate', visit: VisitsService.view(existing) };
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

  static view(visit: VisitEntity): VisitView {
    return {
      id: visit.id,
      householdId: visit.householdId,
      cadreId: visit.cadreId,
      visitedAt: visit.visitedAt.toISOString(),
      businessDate: visit.businessDate,
      method: visit.method,
      summary: visit.summary,
      attitude: visit.attitude,
      concerns: visit.concerns,
      intentObserved: visit.intentObserved,
      location: visit.lat === null || visit.lng === null ? null : { lat: visit.lat, lng: visit.lng },
      clientId: visit.clientId,
      createdAt: visit.createdAt.toISOString(),
    };
  }
}
