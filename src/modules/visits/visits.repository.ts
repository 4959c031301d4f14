import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { HouseholdScope } from '../../common/policy/access-policy';
import { bulkInsert } from '../../database/bulk-insert';
import { rawQuery } from '../../database/raw-query';
import { VisitEntity } from './entities/visit.entity';
import { householdScopeSql, joinHousehold } from '../households/household-scope';

export interface VisitFilter {
  householdId?: string;
  cadreId?: string;
  from?: string;
  to?: string;
}

/** ~6,000 values a statement. */
const VISITS_PER_INSERT = 300;

@Injectable()
export class VisitsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The hot path's one read: the household as the caller's scope sees it (null if not visible) and the visit
   * already stored under this clientId, if any, in a single statement.
   */
  async precheck(
    scope: HouseholdScope,
    householdId: string,
    clientId: string | null,
  ): Promise<{ household: { cadreId: string | null } | null; existingId: string | null }> {
    const { sql, params } = householdScopeSql(scope, 'h');
    const [row] = await rawQuery<{
      visible: number | null;
      cadre_id: string | null;
      existing: string | null;
    }>(
      this.dataSource.manager,
      `SELECT (SELECT 1 FROM household h WHERE h.id = :householdId AND ${sql}) AS visible,
              (SELECT h.cadre_id FROM household h WHERE h.id = :householdId) AS cadre_id,
              (SELECT v.id FROM visit v WHERE v.client_id = :clientId) AS existing`,
      { ...params, householdId, clientId: clientId ?? '' },
    );
    return {
      household: row?.visible ? { cadreId: row.cadre_id } : null,
      existingId: clientId ? (row?.existing ?? null) : null,
    };
  }

  findById(manager: EntityManager, id: string): Promise<VisitEntity | null> {
    return manager.getRepository(VisitEntity).findOneBy({ id });
  }

  async belongsTo(manager: EntityManager, visitId: string, householdId: string): Promise<boolean> {
    return (await manager.getRepository(VisitEntity).countBy({ id: visitId, householdId })) > 0;
  }

  findByClientId(manager: EntityManager, clientId: string): Promise<VisitEntity | null> {
    return manager.getRepository(VisitEntity).findOneBy({ clientId });
  }

  /** Multi-row INSERT that skips a clientId already stored (ON CONFLICT DO NOTHING on both databases). */
  insertIgnoringClientIds(manager: EntityManager, visits: VisitEntity[]): Promise<void> {
    return bulkInsert(manager, VisitEntity, visits, VISITS_PER_INSERT, { ignoreConflicts: true });
  }

  async existingIds(manager: EntityManager, ids: string[]): Promise<Set<string>> {
    const rows = await manager
      .getRepository(VisitEntity)
      .createQueryBuilder('v')
      .select('v.id', 'id')
      .where('v.id IN (:...ids)', { ids })
      .getRawMany<{ id: string }>();
    return new Set(rows.map((r) => r.id));
  }

  list(scope: HouseholdScope, filter: VisitFilter, page: number, pageSize: number) {
    const query = this.dataSource.getRepository(VisitEntity).createQueryBuilder('v');
    joinHousehold(query, 'h.id = v.household_id', { scope });
    if (filter.householdId)
      query.andWhere('v.household_id = :householdId', { householdId: filter.householdId });
    if (filter.cadreId) query.andWhere('v.cadre_id = :cadreId', { cadreId: filter.cadreId });
    if (filter.from) query.andWhere('v.business_date >= :from', { from: filter.from });
    if (filter.to) query.andWhere('v.business_date <= :to', { to: filter.to });
    return query
      .orderBy('v.visitedAt', 'DESC')
      .addOrderBy('v.id', 'DESC')
      .skip((page - 1) * pageSize)
      .take(pageSize)
      .getManyAndCount();
  }
}
