import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import { uniqueViolation } from '../../common/errors/unique-violation';
import { TransactionRunner } from '../../database/transaction-runner';
import { DailyReportEntity, DailyReviewEntity } from './entities/snapshot.entities';
import { MetricVersions } from './metrics/metric-definitions';

/**
 * A table of snapshots: its entity (key, generated_at, body, body_hash) and the key's property; `versioned`: it
 * has a metric_versions column (docs/metrics.md) and its bodies are read back with `metricVersions`.
 */
export interface SnapshotTable {
  entity: EntityTarget<ObjectLiteral>;
  key: string;
  versioned?: boolean;
}

export const DAILY_REPORTS: SnapshotTable = { entity: DailyReportEntity, key: 'date', versioned: true };
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

  /** The stored body; a versioned table's with the versions its row records (null: before versioning). */
  async find<T>(table: SnapshotTable, key: string): Promise<T | null> {
    const { entity, key: column } = table;
    const row = await this.dataSource.getRepository(entity).findOneBy({ [column]: key });
    if (!row) return null;
    const body = JSON.parse(row.body) as T;
    if (!table.versioned) return body;
    const versions = row.metricVersions as string | null;
    return { ...body, metricVersions: versions === null ? null : (JSON.parse(versions) as MetricVersions) };
  }

  /**
   * Stores what `compute` gives unless the key is stored already. A versioned table's snapshot records the
   * metric versions it was computed with: in the body (so its hash seals them) and in their own column.
   */
  async storeOnce<T extends { generatedAt: string }>(
    table: SnapshotTable,
    key: string,
    compute: () => Promise<T>,
    metricVersions?: MetricVersions,
  ): Promise<{ status: 'done' | 'skipped'; body: T }> {
    const existing = await this.find<T>(table, key);
    if (existing) return { status: 'skipped', body: existing };
    if (table.versioned && !metricVersions) throw new Error('a versioned snapshot needs its metric versions');
    const computed = await compute();
    const body = table.versioned ? { ...computed, metricVersions } : computed;
    const text = JSON.stringify(body);
    const { entity, key: column } = table;
    try {
      await this.transactions.run((manager) =>
        manager.getRepository(entity).insert({
          [column]: key,
          generatedAt: new Date(body.generatedAt),
          body: text,
          bodyHash: createHash('sha256').update(text).digest('hex'),
          ...(table.versioned ? { metricVersions: JSON.stringify(metricVersions) } : {}),
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
