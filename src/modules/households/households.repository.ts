import { instant, rawQuery } from '../../database/raw-query';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { HouseholdScope } from '../../common/policy/access-policy';
import { STAGES } from './household-stages';
import { HouseholdEntity } from './entities/household.entity';
import { applyHouseholdScope, HouseholdFilter } from './household-scope';
import { MemberEntity } from './entities/member.entity';
import { HouseholdHistoryEntity } from './entities/household-history.entity';
import { bulkInsert } from '../../database/bulk-insert';

const SORTS: Record<string, string> = {
  code: 'h.code',
  updatedAt: 'h.updatedAt',
  headName: 'h.headName',
  // Lifecycle order, not alphabetical.
  stage: `CASE h.stage ${STAGES.map((stage, index) => `WHEN '${stage}' THEN ${index}`).join(' ')} END`,
};

@Injectable()
export class HouseholdsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private households(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(HouseholdEntity);
  }

  findVisible(scope: HouseholdScope, id: string, manager?: EntityManager): Promise<HouseholdEntity | null> {
    const query = this.households(manager).createQueryBuilder('h').where('h.id = :id', { id });
    return applyHouseholdScope(query, scope).getOne();
  }

  findById(id: string, manager?: EntityManager): Promise<HouseholdEntity | null> {
    return this.households(manager).findOneBy({ id });
  }

  /**
   * The codes of every household a scope sees (a drill-down keeps its part of a report's list): codes, not ids,
   * because the (township, code) and (cadre, code) indexes answer them without reading the table (35,000
   * households of a township: ~10x faster than their ids on the bench database).
   */
  async codesIn(scope: HouseholdScope): Promise<string[]> {
    const m = this.dataSource.manager;
    let rows: { code: string }[] = [];
    if (scope.kind === 'cadre')
      rows = await rawQuery(m, 'SELECT code FROM household WHERE cadre_id = :cadre', {
        cadre: scope.cadreId,
      });
    if (scope.kind === 'org')
      rows = await rawQuery(
        m,
        `SELECT code FROM household WHERE township_id = :org
         UNION ALL
         SELECT code FROM household WHERE village_id = :org AND (township_id IS NULL OR township_id <> :org)`,
        { org: scope.orgUnitId },
      );
    return rows.map((row) => row.code);
  }

  /**
   * The newest household_history row: every change of a household's village, township or cadre (and every new
   * household) appends one in its own transaction, so an unchanged mark means nobody's visibility changed. Exact
   * on SQLite (one writer: ids commit in order); on PostgreSQL two writes can commit out of id order, which the
   * caller bounds with an age (a count would be exact, but reads every row: 30–50 ms at 111,000 rows).
   */
  async historyMark(): Promise<number> {
    const [row] = await rawQuery<{ n: unknown }>(
      this.dataSource.manager,
      'SELECT max(id) AS n FROM household_history',
    );
    return Number(row.n ?? 0);
  }

  /**
   * Since when the household has had its cadre: the first history row of the latest unbroken run of rows with
   * that cadre (an assignment, a registration, or the baseline when it has had the same one since before the
   * history began). Null without a cadre or without history.
   */
  async cadreSince(
    householdId: string,
    cadreId: string | null,
    manager?: EntityManager,
  ): Promise<Date | null> {
    if (!cadreId) return null;
    const rows = await rawQuery<{ cadre_id: string | null; at: unknown }>(
      manager ?? this.dataSource.manager,
      `SELECT cadre_id, at FROM household_history WHERE household_id = :householdId ORDER BY at DESC, id DESC`,
      { householdId },
    );
    let since: Date | null = null;
    for (const row of rows) {
      if (row.cadre_id !== cadreId) break;
      since = instant(row.at);
    }
    return since;
  }

  findByIds(ids: string[], manager?: EntityManager): Promise<HouseholdEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.households(manager).createQueryBuilder('h').where('h.id IN (:...ids)', { ids }).getMany();
  }

  findByCodes(codes: string[], manager?: EntityManager): Promise<HouseholdEntity[]> {
    if (codes.length === 0) return Promise.resolve([]);
    return this.households(manager)
      .createQueryBuilder('h')
      .where('h.code IN (:...codes)', { codes })
      .getMany();
  }

  filtered(
    scope: HouseholdScope,
    filter: HouseholdFilter,
    manager?: EntityManager,
  ): SelectQueryBuilder<HouseholdEntity> {
    const query = applyHouseholdScope(this.households(manager).createQueryBuilder('h'), scope);
    if (filter.villageId) query.andWhere('h.village_id = :villageId', { villageId: filter.villageId });
    if (filter.townshipId) query.andWhere('h.township_id = :townshipId', { townshipId: filter.townshipId });
    if (filter.taskForceId)
      query.andWhere('h.task_force_id = :taskForceId', { taskForceId: filter.taskForceId });
    if (filter.stage) query.andWhere('h.stage = :stage', { stage: filter.stage });
    if (filter.intent) query.andWhere('h.intent_option = :intent', { intent: filter.intent });
    if (filter.cadreId) query.andWhere('h.cadre_id = :cadreId', { cadreId: filter.cadreId });
    if (filter.light) query.andWhere('h.light = :light', { light: filter.light });
    if (filter.flag) query.andWhere('h.flags LIKE :flag', { flag: `%,${filter.flag},%` });
    if (filter.onHold !== undefined) query.andWhere('h.on_hold = :onHold', { onHold: filter.onHold });
    // From the day's records by their date index (a few thousand), not a look-up per household.
    if (filter.visitedOn)
      query.andWhere('h.id IN (SELECT v.household_id FROM visit v WHERE v.business_date = :visitedOn)', {
        visitedOn: filter.visitedOn,
      });
    if (filter.advancedOn)
      query.andWhere(
        "h.id IN (SELECT e.household_id FROM stage_event e WHERE e.business_date = :advancedOn AND e.kind = 'advance')",
        { advancedOn: filter.advancedOn },
      );
    if (filter.idHash) {
      query.andWhere(
        new Brackets((q) =>
          q
            .where('h.head_id_hash = :idHash', { idHash: filter.idHash })
            .orWhere('h.id IN (SELECT m.household_id FROM household_member m WHERE m.id_hash = :idHash)'),
        ),
      );
    } else if (filter.text) {
      // A prefix of the code or the head's name, ASCII case ignored, each read from its own index
      // (migration 1764700000000-search-indexes): NOCASE columns on SQLite, lower() expressions on PostgreSQL.
      const prefix = `${filter.text.replace(/[%_\\]/g, '')}%`;
      const postgres = this.dataSource.options.type === 'postgres';
      const [code, name, pattern] = postgres
        ? ['lower(h.code)', 'lower(h.head_name)', 'lower(:prefix)']
        : ['h.code', 'h.head_name', ':prefix'];
      query.andWhere(
        new Brackets((q) =>
          q.where(`${code} LIKE ${pattern}`, { prefix }).orWhere(`${name} LIKE ${pattern}`),
        ),
      );
    }
    return query;
  }

  /**
   * One page and the filter's total. The page is chosen by key alone (SQLite's rowid, which every index holds;
   * PostgreSQL's id) and only its rows are read whole: sorting and skipping whole rows read from the table was most
   * of a filtered page's cost on SQLite. The total is a plain COUNT(*) (getCount's COUNT(DISTINCT id) built a
   * temporary B-tree of every matching id: 13 of 14 ms of a `q` count), answered from an index where one covers
   * the filter (bench/README.md, "Cheaper lists").
   */
  async list(scope: HouseholdScope, filter: HouseholdFilter, page: number, pageSize: number) {
    const sort = filter.sort ?? 'code';
    const direction = sort.startsWith('-') ? 'DESC' : 'ASC';
    const order = SORTS[sort.replace(/^-/, '')];
    const key = this.dataSource.options.type === 'postgres' ? 'h.id' : 'h.rowid';
    // Codes are unique: ties are broken by id only where they can occur (on SQLite the id is not in the indexes,
    // so ordering a q page by code and id read ~3,600 rows from the table to pick 20).
    const byOrder = <T extends SelectQueryBuilder<HouseholdEntity>>(query: T): T => {
      query.orderBy(order, direction);
      if (order !== SORTS.code) query.addOrderBy('h.id', 'ASC');
      return query;
    };
    const keys = byOrder(this.filtered(scope, filter).select(key))
      .offset((page - 1) * pageSize)
      .limit(pageSize);
    const rows = byOrder(
      this.households()
        .createQueryBuilder('h')
        .where(`${key} IN (${keys.getQuery()})`)
        .setParameters(keys.getParameters()),
    );
    const [items, counted] = await Promise.all([
      rows.getMany(),
      this.filtered(scope, filter).select('COUNT(*)', 'total').getRawOne<{ total: number | string }>(),
    ]);
    return { items, total: Number(counted?.total ?? 0) };
  }

  /** Code and head's name by id (one query): what lists of approvals and problems show beside the id. */
  async labels(ids: string[]): Promise<Map<string, { code: string; headName: string }>> {
    if (ids.length === 0) return new Map();
    const rows = await rawQuery<{ id: string; code: string; head_name: string }>(
      this.dataSource.manager,
      'SELECT id, code, head_name FROM household WHERE id IN (:...ids)',
      { ids: [...new Set(ids)] },
    );
    return new Map(rows.map((row) => [row.id, { code: row.code, headName: row.head_name }]));
  }

  members(householdIds: string[], manager?: EntityManager): Promise<MemberEntity[]> {
    if (householdIds.length === 0) return Promise.resolve([]);
    return (manager ?? this.dataSource.manager)
      .getRepository(MemberEntity)
      .createQueryBuilder('m')
      .where('m.household_id IN (:...householdIds)', { householdIds })
      .orderBy('m.household_id')
      .addOrderBy('m.position')
      .getMany();
  }

  /** Which of these resident-ID hashes already belong to a household other than `exceptHouseholdId`. */
  async takenIdHashes(
    manager: EntityManager,
    hashes: string[],
    exceptHouseholdId?: string,
  ): Promise<Set<string>> {
    if (hashes.length === 0) return new Set();
    const query = manager
      .getRepository(MemberEntity)
      .createQueryBuilder('m')
      .select('m.id_hash', 'hash')
      .where('m.id_hash IN (:...hashes)', { hashes });
    if (exceptHouseholdId) query.andWhere('m.household_id <> :except', { except: exceptHouseholdId });
    const rows = await query.getRawMany<{ hash: string }>();
    return new Set(rows.map((r) => r.hash));
  }

  async insert(manager: EntityManager, household: HouseholdEntity, members: MemberEntity[]): Promise<void> {
    await manager.getRepository(HouseholdEntity).insert(household);
    await this.insertMembers(manager, members);
  }

  async replaceMembers(manager: EntityManager, householdId: string, members: MemberEntity[]): Promise<void> {
    await manager.getRepository(MemberEntity).delete({ householdId });
    await this.insertMembers(manager, members);
  }

  async removeMember(
    manager: EntityManager,
    householdId: string,
    idHash: string,
    at: Date,
  ): Promise<MemberEntity | null> {
    const repository = manager.getRepository(MemberEntity);
    const member = await repository.findOneBy({ householdId, idHash });
    if (!member) return null;
    await repository.delete({ id: member.id });
    await this.touch(manager, householdId, { updatedAt: at });
    return member;
  }

  /**
   * updateEntity(false): on SQLite TypeORM re-reads inserted rows and merges them into the entities by list
   * position, not by id, so a multi-row insert swapped the members' ids in what the API returned.
   */
  private async insertMembers(manager: EntityManager, members: MemberEntity[]): Promise<void> {
    if (members.length === 0) return;
    await manager
      .createQueryBuilder()
      .insert()
      .into(MemberEntity)
      .values(members)
      .updateEntity(false)
      .execute();
  }

  /** Optimistic update: false when `version` is stale (or the row is gone). */
  async update(
    manager: EntityManager,
    id: string,
    version: number,
    fields: Partial<HouseholdEntity>,
  ): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .update(HouseholdEntity)
      .set({ ...fields, version: () => 'version + 1' })
      .where('id = :id AND version = :version', { id, version })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  /** An update that does not need the caller's version (system-maintained fields), still bumping it. */
  async touch(manager: EntityManager, id: string, fields: Partial<HouseholdEntity>): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(HouseholdEntity)
      .set({ ...fields, version: () => 'version + 1' })
      .where('id = :id', { id })
      .execute();
  }

  async assignCadre(manager: EntityManager, ids: string[], cadreId: string, at: Date): Promise<number> {
    const result = await manager
      .createQueryBuilder()
      .update(HouseholdEntity)
      .set({ cadreId, updatedAt: at, version: () => 'version + 1' })
      .where('id IN (:...ids)', { ids })
      .execute();
    return result.affected ?? 0;
  }

  /** Appends history rows (household-history.ts), a few hundred per statement. */
  async insertHistory(manager: EntityManager, rows: Omit<HouseholdHistoryEntity, 'id'>[]): Promise<void> {
    await bulkInsert(manager, HouseholdHistoryEntity, rows, 500);
  }
}
