import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import { uniqueViolation } from '../../common/errors/unique-violation';
import { TransactionRunner } from '../../database/transaction-runner';
import { DailyReportEntity, DailyReviewEntity } from './entities/snapshot.entities';

/** A table of snapshots: its entity (key, generated_at, body, body_hash) and the key's property. */
export interface SnapshotTable {
  entity: EntityTarget<ObjectLiteral>;
  key: string;
}

export const DAILY_REPORTS: SnapshotTable = { entity: DailyReportEntity, key: 'date' };
export const DAILY_REVIEWS: SnapshotTable = { entity: DailyReviewEntity, key: 'date' };

/**
 * The daily report, the daily review (and the weekly bulletin, in its own table) are stored once per date (or
 * week) and never change: a second run, or a racing one, finds the stored body and says "skipped".
 */
@Injectable()
export class SnapshotStore {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
  ) {}

  async find<T>(table: SnapshotTable, key: string): Promise<T | null> {
    const { entity, key: column } = table;
    const row = await this.dataSource.getRepository(entity).findOneBy({ [column]: key });
    return row ? (JSON.parse(row.body) as T) : null;
  }

  async storeOnce<T extends { generatedAt: string }>(
    table: SnapshotTable,
    key: string,
    compute: () => Promise<T>,
  ): Promise<{ status: 'done' | 'skipped'; body: T }> {
    const existing = await this.find<T>(table, key);
    if (existing) return { status: 'skipped', body: existing };
    const body = await compute();
    const text = JSON.stringify(body);
    const { entity, key: column } = table;
    try {
      await this.transactions.run((manager) =>
        manager.getRepository(entity).insert({
          [column]: key,
          generatedAt: new Date(body.generatedAt),
          body: text,
          bodyHash: createHash('sha256').update(text).digest('hex'),
        }),
      );
    } catch (error) {
      // Another run stored it first: theirs stands.
      if (!uniqueViolation(error)) throw error;
      return { status: 'skipped', body: (await this.find<T>(table, key))! };
    }
    return { status: 'done', body };
  }
}
