import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { WriterLink } from '../../cluster/writer-link';
import { WriterOperations } from '../../cluster/writer-operations';
import { Actor } from '../../common/policy/actor';
import { TransactionRunner } from '../../database/transaction-runner';
import { JobName } from '../../jobs/job-catalogue';
import { OutboxService } from '../../jobs/outbox.service';
import { AuditRecord, AuditService } from '../audit/audit.service';
import { HouseholdDerived } from '../households/household-derived.service';
import { VisitEntity } from './entities/visit.entity';
import { VisitsRepository } from './visits.repository';

interface Pending {
  actor: Actor;
  visit: VisitEntity;
  resolve: (stored: boolean) => void;
  reject: (error: unknown) => void;
}

const MAX_BATCH = 200;
const VISITS_OPERATION = 'visits';

type WireVisit = { actor: Actor; visit: Record<string, unknown> };

const toWire = (visit: VisitEntity): Record<string, unknown> => ({
  ...visit,
  visitedAt: visit.visitedAt.toISOString(),
  createdAt: visit.createdAt.toISOString(),
});

const fromWire = (visit: Record<string, unknown>): VisitEntity =>
  Object.assign(new VisitEntity(), visit, {
    visitedAt: new Date(visit.visitedAt as string),
    createdAt: new Date(visit.createdAt as string),
  });

/**
 * Group commit for visits, the hottest write. Checks happen before (in VisitsService); here the visits that
 * arrive while a transaction is running wait and go together into the next one: one multi-row INSERT for the
 * visits, one for their audit entries, one UPDATE per household. On SQLite, where all writers share one
 * connection, that turns ~8 round trips per visit into a few per batch. Each visit is still all or nothing:
 * a batch that fails is retried one visit at a time, so one bad visit never takes the others down.
 */
@Injectable()
export class VisitWriter {
  private readonly logger = new Logger(VisitWriter.name);
  private queue: Pending[] = [];
  private flushing = false;

  constructor(
    private readonly visits: VisitsRepository,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditService,
    private readonly derived: HouseholdDerived,
    private readonly outbox: OutboxService,
    private readonly link: WriterLink,
    operations: WriterOperations,
  ) {
    // A cluster on SQLite: readers check a visit and hand it here, to the writer process's group commits.
    operations.register(VISITS_OPERATION, (item) => {
      const { actor, visit } = item as WireVisit;
      return this.write(actor, fromWire(visit));
    });
  }

  /** Resolves true once stored, false when its clientId was taken meanwhile (the caller answers as a resend). */
  write(actor: Actor, visit: VisitEntity): Promise<boolean> {
    if (this.link.active)
      return this.link.submit<boolean>(VISITS_OPERATION, { actor, visit: toWire(visit) } satisfies WireVisit);
    return new Promise((resolve, reject) => {
      this.queue.push({ actor, visit, resolve, reject });
      if (!this.flushing) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    try {
      while (this.queue.length) {
        const batch = this.queue.splice(0, MAX_BATCH);
        try {
          const stored = await this.transactions.run((manager) => this.store(manager, batch));
          for (const item of batch) item.resolve(stored.has(item.visit.id));
        } catch (error) {
          if (batch.length === 1) {
            batch[0].reject(error);
            continue;
          }
          this.logger.warn(`visit batch of ${batch.length} failed, retrying one by one: ${error}`);
          for (const item of batch) {
            try {
              const stored = await this.transactions.run((manager) => this.store(manager, [item]));
              item.resolve(stored.has(item.visit.id));
            } catch (single) {
              item.reject(single);
            }
          }
        }
      }
    } finally {
      this.flushing = false;
    }
  }

  private async store(manager: EntityManager, batch: Pending[]): Promise<Set<string>> {
    await this.visits.insertIgnoringClientIds(
      manager,
      batch.map((b) => b.visit),
    );
    const stored = await this.visits.existingIds(
      manager,
      batch.map((b) => b.visit.id),
    );
    const written = batch.filter((b) => stored.has(b.visit.id));
    if (written.length === 0) return stored;

    // Each household once: its latest visit moves lastVisitAt, and its light is recomputed from the row as it is now.
    const latest = new Map<string, Date>();
    for (const { visit } of written) {
      const current = latest.get(visit.householdId);
      if (!current || current < visit.visitedAt) latest.set(visit.householdId, visit.visitedAt);
    }
    await this.derived.markVisited(manager, latest);

    const byActor = new Map<string, Pending[]>();
    for (const item of written) {
      const items = byActor.get(item.actor.id);
      if (items) items.push(item);
      else byActor.set(item.actor.id, [item]);
    }
    for (const items of byActor.values()) {
      await this.audit.record(
        manager,
        items[0].actor,
        ...items.map(({ visit }): AuditRecord => ({
          action: 'visit',
          entityType: 'visit',
          entityId: visit.id,
          householdId: visit.householdId,
          after: {
            visitedAt: visit.visitedAt.toISOString(),
            method: visit.method,
            attitude: visit.attitude,
            clientId: visit.clientId,
          },
        })),
      );
    }
    // 急难愁盼 and resistance reach the command centre through the outbox: a Redis outage loses none.
    await this.outbox.addMany(
      manager,
      JobName.Notify,
      written
        .filter(({ visit }) => visit.concerns || visit.attitude === 'resistant')
        .map(({ visit }) => ({ event: 'visit_concern' as const, id: visit.id })),
    );
    return stored;
  }
}
