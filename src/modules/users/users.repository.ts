import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Role } from '../../common/policy/role';
import { UserEntity } from './entities/user.entity';

@Injectable()
export class UsersRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private repo(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(UserEntity);
  }

  findById(id: string, manager?: EntityManager): Promise<UserEntity | null> {
    return this.repo(manager).findOneBy({ id });
  }

  findByUsername(username: string): Promise<UserEntity | null> {
    return this.repo().findOneBy({ username });
  }

  findByIds(ids: string[], manager?: EntityManager): Promise<UserEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.repo(manager).createQueryBuilder('u').where('u.id IN (:...ids)', { ids }).getMany();
  }

  count(): Promise<number> {
    return this.repo().count();
  }

  async insert(manager: EntityManager, user: UserEntity): Promise<void> {
    await this.repo(manager).insert(user);
  }

  /** Optimistic update: 0 rows means the version was stale. `revokeTokens` ends every token issued so far. */
  async update(
    manager: EntityManager,
    id: string,
    version: number,
    fields: Partial<UserEntity>,
    revokeTokens = false,
  ): Promise<boolean> {
    const result = await this.repo(manager)
      .createQueryBuilder()
      .update()
      .set({
        ...fields,
        version: () => 'version + 1',
        ...(revokeTokens ? { tokenVersion: () => 'token_version + 1' } : {}),
      })
      .where('id = :id AND version = :version', { id, version })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  byRole(role: Role): Promise<UserEntity[]> {
    return this.repo().find({ where: { role } });
  }

  recipients(): Promise<Pick<UserEntity, 'id' | 'role' | 'orgUnitId'>[]> {
    return this.repo()
      .createQueryBuilder('u')
      .select(['u.id', 'u.role', 'u.orgUnitId'])
      .where("u.active = :active AND u.role IN ('handler', 'official', 'commander')", { active: true })
      .getMany();
  }

  async activeIds(role: Role, orgUnitId?: string | null): Promise<string[]> {
    const query = this.repo()
      .createQueryBuilder('u')
      .select('u.id', 'id')
      .where('u.active = :active AND u.role = :role', { active: true, role });
    if (orgUnitId !== undefined) query.andWhere('u.org_unit_id = :orgUnitId', { orgUnitId });
    return (await query.getRawMany<{ id: string }>()).map((r) => r.id);
  }

  list(filter: { role?: Role; orgUnitId?: string }, page: number, pageSize: number) {
    const query = this.repo().createQueryBuilder('u');
    if (filter.role) query.andWhere('u.role = :role', { role: filter.role });
    if (filter.orgUnitId) query.andWhere('u.orgUnitId = :orgUnitId', { orgUnitId: filter.orgUnitId });
    return query
      .orderBy('u.username', 'ASC')
      .skip((page - 1) * pageSize)
      .take(pageSize)
      .getManyAndCount();
  }
}
