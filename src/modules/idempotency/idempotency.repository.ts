import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { instant, rawQuery } from '../../database/raw-query';

export interface StoredKey {
  requestHash: string;
  statusCode: number | null;
  response: string | null;
  createdAt: Date;
}

/** The only code that touches `idempotency_key`. */
@Injectable()
export class IdempotencyRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async find(userId: string, key: string): Promise<StoredKey | null> {
    const [row] = await rawQuery(
      this.dataSource.manager,
      'SELECT request_hash, status_code, response, created_at FROM idempotency_key WHERE user_id = :userId AND "key" = :key',
      { userId, key },
    );
    if (!row) return null;
    return {
      requestHash: String(row.request_hash),
      statusCode: row.status_code === null ? null : Number(row.status_code),
      response: (row.response as string | null) ?? null,
      createdAt: instant(row.created_at),
    };
  }

  /**
   * Inside the write's transaction: true when this request now holds the key. On PostgreSQL a concurrent holder's
   * uncommitted row makes the INSERT wait for its commit (then false) or rollback (then true); on SQLite writers
   * are serialized anyway. Expired keys go first (cheap: the created_at index), so an old key is free again.
   */
  async claim(
    manager: EntityManager,
    claim: { userId: string; key: string; requestHash: string; at: Date; expiredBefore: Date },
  ): Promise<boolean> {
    await rawQuery(manager, 'DELETE FROM idempotency_key WHERE created_at < :expiredBefore', {
      expiredBefore: claim.expiredBefore,
    });
    const [sql, params] = manager.connection.driver.escapeQueryWithParameters(
      `INSERT INTO idempotency_key (user_id, "key", request_hash, created_at)
       VALUES (:userId, :key, :requestHash, :at) ON CONFLICT (user_id, "key") DO NOTHING`,
      { userId: claim.userId, key: claim.key, requestHash: claim.requestHash, at: claim.at },
      {},
    );
    const result = await manager.queryRunner!.query(sql, params, true);
    return (result.affected ?? 0) > 0;
  }

  /** The answer to replay, once the write has committed. */
  async complete(
    manager: EntityManager,
    userId: string,
    key: string,
    statusCode: number,
    response: string,
  ): Promise<void> {
    await rawQuery(
      manager,
      'UPDATE idempotency_key SET status_code = :statusCode, response = :response WHERE user_id = :userId AND "key" = :key',
      { userId, key, statusCode, response },
    );
  }
}
