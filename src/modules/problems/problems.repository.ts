import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { ProblemScope } from '../../common/policy/access-policy';
import { ProblemEntity } from './entities/problem.entity';
import { ProblemEventEntity } from './entities/problem-event.entity';
import { ACTIVE_STATUSES, ACTIVE_STATUSES_SQL } from './problem-states';
import { ProblemCounts } from '../households/household-links';
import { joinHousehold } from '../households/household-scope';
import { num, rawQuery } from '../../database/raw-query';
import { problemScopeSql } from './problem-scope';

export interface ProblemFilter {
  status?: string;
  severity?: string;
  category?: string;
  unitId?: string;
  householdId?: string;
  overdue?: boolean;
  supervised?: boolean;
}

@Injectable()
export class ProblemsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private scoped(scope: ProblemScope, manager?: EntityManager): SelectQueryBuilder<ProblemEntity> {
    const query = (manager ?? this.dataSource.manager).getRepository(ProblemEntity).createQueryBuilder('p');
    joinHousehold(query, 'h.id = p.household_id', { left: true });
    if (scope.kind === 'all') return query;
    const { sql, params } = problemScopeSql(scope);
    return query.andWhere(sql, params);
  }

  findVisible(scope: ProblemScope, id: string, manager?: EntityManager): Promise<ProblemEntity | null> {
    return this.scoped(scope, manager).andWhere('p.id = :id', { id }).getOne();
  }

  async insert(manager: EntityManager, problem: ProblemEntity): Promise<void> {
    await manager.getRepository(ProblemEntity).insert(problem);
  }

  async addEvent(manager: EntityManager, event: ProblemEventEntity): Promise<void> {
    await manager.getRepository(ProblemEventEntity).insert(event);
  }

  events(problemId: string): Promise<ProblemEventEntity[]> {
    return this.dataSource
      .getRepository(ProblemEventEntity)
      .find({ where: { problemId }, order: { id: 'ASC' } });
  }

  /** Compare-and-set on version, so two handlers acting at once cannot both move the problem. */
  async update(
    manager: EntityManager,
    id: string,
    version: number,
    fields: Partial<ProblemEntity>,
  ): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .update(ProblemEntity)
      .set({ ...fields, version: () => 'version + 1' })
      .where('id = :id AND version = :version', { id, version })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  /** Overdue and P1 problems still being worked on, for one household. */
  async activeCounts(manager: EntityManager, householdId: string, now: Date): Promise<ProblemCounts> {
    const row = await manager
      .getRepository(ProblemEntity)
      .createQueryBuilder('p')
      .select('SUM(CASE WHEN p.due_at < :now THEN 1 ELSE 0 END)', 'overdue')
      .addSelect("SUM(CASE WHEN p.severity = 'p1' THEN 1 ELSE 0 END)", 'p1')
      .where('p.household_id = :householdId', { householdId })
      .andWhere('p.status IN (:...statuses)', { statuses: ACTIVE_STATUSES })
      .setParameter('now', now)
      .getRawOne<{ overdue: string | number | null; p1: string | number | null }>();
    return { overdue: Number(row?.overdue ?? 0), p1: Number(row?.p1 ?? 0) };
  }

  /** Overdue and P1 counts of every household with active problems, in one GROUP BY. */
  async activeCountsByHousehold(now: Date): Promise<Map<string, ProblemCounts>> {
    const rows = await rawQuery(
      this.dataSource.manager,
      `SELECT household_id,
              SUM(CASE WHEN due_at < :now THEN 1 ELSE 0 END) AS overdue,
              SUM(CASE WHEN severity = 'p1' THEN 1 ELSE 0 END) AS p1
         FROM problem
        WHERE household_id IS NOT NULL AND status IN ${ACTIVE_STATUSES_SQL}
        GROUP BY household_id`,
      { now },
    );
    return new Map(rows.map((r) => [r.household_id as string, { overdue: num(r.overdue), p1: num(r.p1) }]));
  }

  /** A moved household's problems follow it (their copies of its village and township). */
  async followHousehold(
    manager: EntityManager,
    householdId: string,
    villageId: string,
    townshipId: string | null,
  ): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(ProblemEntity)
      .set({ villageId, townshipId })
      .where('household_id = :householdId', { householdId })
      .execute();
  }

  list(scope: ProblemScope, filter: ProblemFilter, now: Date, page: number, pageSize: number) {
    const query = this.scoped(scope);
    if (filter.status) query.andWhere('p.status = :status', { status: filter.status });
    if (filter.severity) query.andWhere('p.severity = :severity', { severity: filter.severity });
    if (filter.category) query.andWhere('p.category = :category', { category: filter.category });
    if (filter.unitId) query.andWhere('p.unit_id = :unitId', { unitId: filter.unitId });
    if (filter.householdId)
      query.andWhere('p.household_id = :householdId', { householdId: filter.householdId });
    if (filter.supervised !== undefined)
      query.andWhere('p.supervised = :supervised', { supervised: filter.supervised });
    if (filter.overdue !== undefined) {
      const overdue = 'p.status IN (:...active) AND p.due_at < :now';
      query.andWhere(filter.overdue ? `(${overdue})` : `NOT (${overdue})`, { active: ACTIVE_STATUSES, now });
    }
    return query
      .orderBy('p.dueAt', 'ASC')
      .addOrderBy('p.id', 'ASC')
      .skip((page - 1) * pageSize)
      .take(pageSize)
      .getManyAndCount();
  }
}
