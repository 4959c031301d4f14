import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { HouseholdScope } from '../../common/policy/access-policy';
import { instant, rawQuery } from '../../database/raw-query';
import { householdScopeSql } from '../households/household-scope';
import { ResponsibilityHandoverEntity } from './entities/responsibility-handover.entity';
import { ResponsibilityEntity } from './entities/responsibility.entity';
import { RESPONSIBLE_ROLES, ResponsibilityScope, ResponsibleRole } from './responsibility-roles';
import { roleHolderSql } from './responsibility-sql';

/** Which households a change reaches: a selection, a village's, or a task force's. */
export type HouseholdSet = { ids: string[] } | { villageId: string } | { taskForceId: string };

export interface EffectiveHolder {
  holderId: string | null;
  source: ResponsibilityScope | null;
}

/** A household's place in the matrix: its cadre and where it belongs. */
export interface HouseholdPlace {
  id: string;
  villageId: string;
  taskForceId: string | null;
  cadreId: string | null;
}

@Injectable()
export class ResponsibilityRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private manager(manager?: EntityManager): EntityManager {
    return manager ?? this.dataSource.manager;
  }

  /** The households of `ids` the scope sees (the rest are not found), with their place. */
  async visibleHouseholds(
    scope: HouseholdScope,
    ids: string[],
    manager?: EntityManager,
  ): Promise<HouseholdPlace[]> {
    if (ids.length === 0) return [];
    const { sql, params } = householdScopeSql(scope, 'h');
    const rows = await rawQuery<Record<string, string | null>>(
      this.manager(manager),
      `SELECT h.id, h.village_id, h.task_force_id, h.cadre_id FROM household h WHERE h.id IN (:...ids) AND ${sql}`,
      { ...params, ids },
    );
    return rows.map((r) => ({
      id: r.id!,
      villageId: r.village_id!,
      taskForceId: r.task_force_id,
      cadreId: r.cadre_id,
    }));
  }

  /** Each household's holder of `role` (own, else village's, else task force's), for one set of households. */
  async effective(
    role: ResponsibleRole,
    households: HouseholdSet,
    manager?: EntityManager,
  ): Promise<Map<string, EffectiveHolder>> {
    const holder = roleHolderSql(role, 'h', 'holder');
    const [where, params] =
      'ids' in households
        ? ['h.id IN (:...ids)', { ids: households.ids }]
        : 'villageId' in households
          ? ['h.village_id = :villageId', { villageId: households.villageId }]
          : ['h.task_force_id = :taskForceId', { taskForceId: households.taskForceId }];
    if ('ids' in households && households.ids.length === 0) return new Map();
    const rows = await rawQuery<{ id: string; holder_id: string | null; holder_source: string | null }>(
      this.manager(manager),
      `SELECT h.id, ${holder.select} FROM household h ${holder.joins} WHERE ${where}`,
      params,
    );
    return new Map(
      rows.map((r) => [
        r.id,
        { holderId: r.holder_id, source: (r.holder_source as ResponsibilityScope | null) ?? null },
      ]),
    );
  }

  /** The rows that may reach one household: its own, its village's, its task force's (one query). */
  rowsReaching(household: HouseholdPlace, manager?: EntityManager): Promise<ResponsibilityEntity[]> {
    const scopes: [ResponsibilityScope, string | null][] = [
      ['household', household.id],
      ['village', household.villageId],
      ['task_force', household.taskForceId],
    ];
    return this.manager(manager)
      .getRepository(ResponsibilityEntity)
      .find({
        where: scopes
          .filter(([, id]) => id)
          .map(([scopeType, scopeId]) => ({ scopeType, scopeId: scopeId! })),
      });
  }

  /** The rows set at village or task-force level (few: one per village or task force and role). */
  atLevel(scopeType?: 'village' | 'task_force', scopeId?: string): Promise<ResponsibilityEntity[]> {
    return this.dataSource.getRepository(ResponsibilityEntity).find({
      where: {
        scopeType: scopeType ?? In(['village', 'task_force']),
        ...(scopeId ? { scopeId } : {}),
        role: In([...RESPONSIBLE_ROLES]),
      },
      order: { scopeType: 'ASC', scopeId: 'ASC', role: 'ASC' },
    });
  }

  rowsOf(
    manager: EntityManager,
    scopeType: ResponsibilityScope,
    scopeIds: string[],
    role: ResponsibleRole,
  ): Promise<ResponsibilityEntity[]> {
    if (scopeIds.length === 0) return Promise.resolve([]);
    return manager
      .getRepository(ResponsibilityEntity)
      .find({ where: { scopeType, scopeId: In(scopeIds), role } });
  }

  async remove(manager: EntityManager, ids: string[]): Promise<void> {
    if (ids.length) await manager.getRepository(ResponsibilityEntity).delete({ id: In(ids) });
  }

  async insert(manager: EntityManager, rows: ResponsibilityEntity[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 500)
      await manager.getRepository(ResponsibilityEntity).insert(rows.slice(i, i + 500));
  }

  async insertHandovers(manager: EntityManager, rows: ResponsibilityHandoverEntity[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 500)
      await manager.getRepository(ResponsibilityHandoverEntity).insert(rows.slice(i, i + 500));
  }

  /** The handovers that concern a household (its own, its village's, its task force's), newest first. */
  async handoversFor(household: HouseholdPlace, limit: number): Promise<ResponsibilityHandoverEntity[]> {
    const rows = await rawQuery<Record<string, unknown>>(
      this.dataSource.manager,
      `SELECT * FROM responsibility_handover
        WHERE (scope_type = 'household' AND scope_id = :household)
           OR (scope_type = 'village' AND scope_id = :village)
           OR (scope_type = 'task_force' AND scope_id = :taskForce)
        ORDER BY at DESC, id DESC LIMIT ${Number(limit)}`,
      { household: household.id, village: household.villageId, taskForce: household.taskForceId },
    );
    return rows.map((r) =>
      Object.assign(new ResponsibilityHandoverEntity(), {
        id: r.id,
        scopeType: r.scope_type,
        scopeId: r.scope_id,
        role: r.role,
        fromHolderId: r.from_holder_id ?? null,
        toHolderId: r.to_holder_id ?? null,
        byUserId: r.by_user_id ?? null,
        at: instant(r.at),
        reason: r.reason ?? null,
      }),
    );
  }
}
