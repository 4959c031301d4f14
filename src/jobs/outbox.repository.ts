import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { bulkInsert } from '../database/bulk-insert';
import { TransactionRunner } from '../database/transaction-runner';
import { OutboxMessageEntity } from './entities/outbox-message.entity';

const MESSAGES_PER_INSERT = 500;

/** The only place that touches the outbox table. */
@Injectable()
export class OutboxRepository {
  constructor(private readonly transactions: TransactionRunner) {}

  /** Inside the writer's transaction. */
  async insert(
    manager: EntityManager,
    rows: Pick<OutboxMessageEntity, 'name' | 'payload' | 'jobId' | 'createdAt'>[],
  ): Promise<void> {
    await bulkInsert(
      manager,
      OutboxMessageEntity,
      rows.map((row) => ({ ...row, attempts: 0, sentAt: null, lastError: null })),
      MESSAGES_PER_INSERT,
    );
  }

  /** The oldest unsent rows, in id order. */
  unsent(limit: number): Promise<OutboxMessageEntity[]> {
    return this.transactions.manager
      .getRepository(OutboxMessageEntity)
      .createQueryBuilder('o')
      .where('o.sentAt IS NULL')
      .orderBy('o.id', 'ASC')
      .limit(limit)
      .getMany();
  }

  async markSent(ids: number[], now: Date): Promise<void> {
    if (ids.length === 0) return;
    await this.transactions.run((manager) =>
      manager
        .createQueryBuilder()
        .update(OutboxMessageEntity)
        .set({ sentAt: now })
        .where('id IN (:...ids) AND sent_at IS NULL', { ids })
        .execute(),
    );
  }

  async markFailed(ids: number[], error: string): Promise<void> {
    if (ids.length === 0) return;
    await this.transactions.run((manager) =>
      manager
        .createQueryBuilder()
        .update(OutboxMessageEntity)
        .set({ attempts: () => 'attempts + 1', lastError: error.slice(0, 2000) })
        .where('id IN (:...ids)', { ids })
        .execute(),
    );
  }
}
