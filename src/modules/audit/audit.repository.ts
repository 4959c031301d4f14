import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { bulkInsert } from '../../database/bulk-insert';
import { instant } from '../../database/raw-query';
import { AuditCheckpoint } from './audit-checkpoint-key';
import { SealableEntry } from './audit-hash';
import { AuditCheckpointEntity } from './entities/audit-checkpoint.entity';
import { AuditEntryEntity } from './entities/audit-entry.entity';

export interface AuditFilter {
  entityType?: string;
  entityId?: string;
  actorId?: string;
  from?: Date;
  to?: Date;
}

const ENTRIES_PER_INSERT = 500;

@Injectable()
export class AuditRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** 12 columns an entry: ~6,000 values a statement. */
  async insert(
    manager: EntityManager,
    entries: Omit<AuditEntryEntity, 'id' | 'sealIndex' | 'hash' | 'prevHash'>[],
  ): Promise<void> {
    await bulkInsert(
      manager,
      AuditEntryEntity,
      entries.map((e) => ({ ...e, sealIndex: null, hash: null, prevHash: null })),
      ENTRIES_PER_INSERT,
    );
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

  /** The oldest unsealed entries, as plain rows: the sealer reads them by the thousand while writers go on. */
  async unsealed(
    manager: EntityManager,
    limit: number,
  ): Promise<(Omit<SealableEntry, 'sealIndex'> & { id: number })[]> {
    const rows = await manager
      .getRepository(AuditEntryEntity)
      .createQueryBuilder('a')
      .select('a.id', 'id')
      .addSelect('a.at', 'at')
      .addSelect('a.actor_id', 'actorId')
      .addSelect('a.actor_role', 'actorRole')
      .addSelect('a.action', 'action')
      .addSelect('a.entity_type', 'entityType')
      .addSelect('a.entity_id', 'entityId')
      .addSelect('a.household_id', 'householdId')
      .addSelect('a.changes', 'changes')
      .addSelect('a.request_id', 'requestId')
      .where('a.seal_index IS NULL')
      .orderBy('a.id', 'ASC')
      .limit(limit)
      .getRawMany<Record<string, unknown>>();
    return rows.map((row) => ({
      id: Number(row.id),
      at: instant(row.at),
      actorId: row.actorId as string | null,
      actorRole: row.actorRole as string | null,
      action: row.action as string,
      entityType: row.entityType as string,
      entityId: row.entityId as string,
      householdId: row.householdId as string | null,
      changes: row.changes as string,
      requestId: row.requestId as string | null,
    }));
  }

  /** One UPDATE per 250 entries: the sealer must keep up with the busiest writer, not queue behind it. */
  async sealMany(
    manager: EntityManager,
    seals: { id: number; sealIndex: number; hash: string; prevHash: string }[],
  ): Promise<void> {
    for (let i = 0; i < seals.length; i += 250) {
      const chunk = seals.slice(i, i + 250);
      const params: Record<string, unknown> = {};
      chunk.forEach((seal, j) =>
        Object.assign(params, {
          [`i${j}`]: seal.id,
          [`s${j}`]: seal.sealIndex,
          [`h${j}`]: seal.hash,
          [`p${j}`]: seal.prevHash,
        }),
      );
      // Casts: PostgreSQL types untyped parameters in a CASE as text.
      const cases = (prefix: string, type: string) =>
        `CASE id ${chunk.map((_, j) => `WHEN :i${j} THEN CAST(:${prefix}${j} AS ${type})`).join(' ')} END`;
      const [sql, values] = manager.connection.driver.escapeQueryWithParameters(
        `UPDATE audit_entry SET seal_index = ${cases('s', 'integer')}, hash = ${cases('h', 'varchar(64)')}, prev_hash = ${cases('p', 'varchar(64)')}
          WHERE id IN (${chunk.map((_, j) => `:i${j}`).join(', ')})`,
        params,
        {},
      );
      await manager.query(sql, values);
    }
  }

  /** Sealed entries in chain order, a batch at a time, for verification. */
  async addCheckpoint(manager: EntityManager, checkpoint: AuditCheckpoint, at: Date): Promise<void> {
    await manager.getRepository(AuditCheckpointEntity).insert({
      sealIndex: checkpoint.entries,
      headHash: checkpoint.head,
      mac: checkpoint.mac,
      at,
    });
  }

  /** Every checkpoint, oldest first: one row per sealing run, so a few thousand a day at most. */
  async checkpoints(): Promise<AuditCheckpoint[]> {
    const rows = await this.dataSource
      .getRepository(AuditCheckpointEntity)
      .createQueryBuilder('c')
      .orderBy('c.sealIndex', 'ASC')
      .addOrderBy('c.id', 'ASC')
      .getMany();
    return rows.map((row) => ({ entries: row.sealIndex, head: row.headHash, mac: row.mac }));
  }

  async latestCheckpoint(): Promise<AuditCheckpoint | null> {
    const row = await this.dataSource
      .getRepository(AuditCheckpointEntity)
      .createQueryBuilder('c')
      .orderBy('c.sealIndex', 'DESC')
      .addOrderBy('c.id', 'DESC')
      .limit(1)
      .getOne();
    return row ? { entries: row.sealIndex, head: row.headHash, mac: row.mac } : null;
  }

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
