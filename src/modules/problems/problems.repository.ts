import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { ProblemScope } from '../../common/policy/access-policy';
import { HouseholdEntity } from '../households/entities/household.entity';
import { ProblemEntity } from './entities/problem.entity';
import { ProblemEventEntity } from './entities/problem-event.entity';
import { ACTIVE_STATUSES } from './problem-states';

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
    const query = (manager ?? this.dataSource.manager)
      .getRepository(ProblemEntity)
      .createQueryBuilder('p')
      .leftJoin(HouseholdEntity, 'h', 'h.id = p.household_id');
    switch (scope.kind) {
      case 'all':
        return query;
      case 'cadre':
        return query.andWhere('(h.cadre_id = :scopeCadre OR p.reporter_id = :scopeCadre)', {
          scopeCadre: scope.cadreId,
        });
      case 'org':
        return query.andWhere('(p.township_id = :scopeOrg OR p.village_id = :scopeOrg)', {
          scopeOrg: scope.orgUnitId,
        });
      case 'unit':
        return query.andWhere('p.unit_id = :scopeUnit', { scopeUnit: scope.unitId });
      case 'none':
        return query.andWhere('1 = 0');
    }
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

  async adjustOpenCount(manager: EntityManager, householdId: string, delta: number): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(HouseholdEntity)
      .set({ openProblems: () => `open_problems + (${Number(delta)})` })
      .where('id = :householdId', { householdId })
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
