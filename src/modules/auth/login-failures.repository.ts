import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { LoginFailureEntity } from './entities/login-failure.entity';

@Injectable()
export class LoginFailuresRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  countSince(username: string, since: Date): Promise<number> {
    return this.dataSource
      .getRepository(LoginFailureEntity)
      .createQueryBuilder('f')
      .where('f.username = :username AND f.at >= :since', { username, since })
      .getCount();
  }

  /** Records an attempt as a failure; returns its id so a refused attempt can withdraw it. */
  async add(manager: EntityManager, username: string, at: Date): Promise<number> {
    const result = await manager.getRepository(LoginFailureEntity).insert({ username, at });
    return Number(result.identifiers[0].id);
  }

  async remove(manager: EntityManager, id: number): Promise<void> {
    await manager.getRepository(LoginFailureEntity).delete({ id });
  }

  async clear(manager: EntityManager, username: string, olderThan: Date): Promise<void> {
    await manager
      .createQueryBuilder()
      .delete()
      .from(LoginFailureEntity)
      .where('username = :username OR at < :olderThan', { username, olderThan })
      .execute();
  }
}
