import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { LoginFailureEntity } from './entities/login-failure.entity';

export interface FailureCount {
  count: number;
  /** The oldest failure counted: the lock lifts one window after it. */
  oldest: Date | null;
}

@Injectable()
export class LoginFailuresRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Failures for a username since a time, from one client address or (client undefined) from anywhere. */
  async countSince(username: string, since: Date, client?: string | null): Promise<FailureCount> {
    const query = this.dataSource
      .getRepository(LoginFailureEntity)
      .createQueryBuilder('f')
      .select('COUNT(*)', 'count')
      .addSelect('MIN(f.at)', 'oldest')
      .where('f.username = :username AND f.at >= :since', { username, since });
    if (client !== undefined)
      query.andWhere(client === null ? 'f.client IS NULL' : 'f.client = :client', { client });
    const row = await query.getRawOne<{ count: string | number; oldest: string | Date | null }>();
    const count = Number(row?.count ?? 0);
    return { count, oldest: count && row?.oldest ? new Date(row.oldest) : null };
  }

  /** Records an attempt as a failure; returns its id so a refused attempt can withdraw it. */
  async add(manager: EntityManager, username: string, client: string | null, at: Date): Promise<number> {
    const result = await manager.getRepository(LoginFailureEntity).insert({ username, client, at });
    return Number(result.identifiers[0].id);
  }

  async remove(manager: EntityManager, id: number): Promise<void> {
    await manager.getRepository(LoginFailureEntity).delete({ id });
  }

  /** After a good login: that address's failures for the username, and everybody's expired ones. */
  async clear(
    manager: EntityManager,
    username: string,
    client: string | null,
    olderThan: Date,
  ): Promise<void> {
    await manager
      .createQueryBuilder()
      .delete()
      .from(LoginFailureEntity)
      .where(
        `(username = :username AND ${client === null ? 'client IS NULL' : 'client = :client'}) OR at < :olderThan`,
        { username, client, olderThan },
      )
      .execute();
  }
}
