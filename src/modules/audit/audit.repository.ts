import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditEntryEntity } from './entities/audit-entry.entity';

export interface AuditFilter {
  entityType?: string;
  entityId?: string;
  actorId?: string;
  from?: Date;
  to?: Date;
}

@Injectable()
export class AuditRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(
    manager: EntityManager,
    entries: Omit<AuditEntryEntity, 'id' | 'sealIndex' | 'hash' | 'prevHash'>[],
  ) {
    if (entries.length === 0) return;
    await manager
      .createQueryBuilder()
      .insert()
      .into(AuditEntryEntity)
      .values(entries.map((e) => ({ ...e, sealIndex: null, hash: null, prevHash: null })))
      .execute();
  }

  async lastSealed(manager: EntityManager): Promise<{ sealIndex: number; hash: string } | null> {
    const row = await manager
      .getRepository(AuditEntryEntity)
      .createQueryBuilder('a')
      .select(['a.sealIndex', 'a.hash'])
      .where('a.sealIndex IS NOT NULL')
      .orderBy('a.sealIndex', 'DESC')
      .limit(1)
      .getOne();
    return row ? { sealIndex: row.sealIndex!, hash: row.hash! } : null;
  }

  unsealed(manager: EntityManager, limit: number): Promise<AuditEntryEntity[]> {
    return manager
      .getRepository(AuditEntryEntity)
      .createQueryBuilder('a')
      .where('a.sealIndex IS NULL')
      .orderBy('a.id', 'ASC')
      .limit(limit)
      .getMany();
  }

  async seal(
    manager: EntityManager,
    id: number,
    sealIndex: number,
    hash: string,
    prevHash: string,
  ): Promise<void> {
    await manager.update(AuditEntryEntity, { id }, { sealIndex, hash, prevHash });
  }

  /** Sealed entries in chain order, a batch at a time, for verification. */
  sealedAfter(sealIndex: number, limit: number): Promise<AuditEntryEntity[]> {
    return this.dataSource
      .getRepository(AuditEntryEntity)
      .createQueryBuilder('a')
      .where('a.sealIndex > :sealIndex', { sealIndex })
      .orderBy('a.sealIndex', 'ASC')
      .limit(limit)
      .getMany();
  }

  list(filter: AuditFilter, page: number, pageSize: number): Promise<[AuditEntryEntity[], number]> {
    const query = this.dataSource.getRepository(AuditEntryEntity).createQueryBuilder('a');
    if (filter.entityType) query.andWhere('a.entityType = :entityType', { entityType: filter.entityType });
    if (filter.entityId) query.andWhere('a.entityId = :entityId', { entityId: filter.entityId });
    if (filter.actorId) query.andWhere('a.actorId = :actorId', { actorId: filter.actorId });
    if (filter.from) query.andWhere('a.at >= :from', { from: filter.from });
    if (filter.to) query.andWhere('a.at < :to', { to: filter.to });
    return query
      .orderBy('a.id', 'DESC')
      .skip((page - 1) * pageSize)
      .take(pageSize)
      .getManyAndCount();
  }

  /** A household's timeline: every write about it, newest first; reads (reveals) are not events. */
  forHousehold(householdId: string, page: number, pageSize: number): Promise<[AuditEntryEntity[], number]> {
    return this.dataSource
      .getRepository(AuditEntryEntity)
      .createQueryBuilder('a')
      .where('a.household_id = :householdId', { householdId })
      .andWhere("a.action <> 'reveal'")
      .orderBy('a.id', 'DESC')
      .skip((page - 1) * pageSize)
      .take(pageSize)
      .getManyAndCount();
  }
}
