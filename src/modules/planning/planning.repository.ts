import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { num, rawQuery } from '../../database/raw-query';
import { PlanBatchEntity, PlanBatchMemberEntity } from './entities/plan-batch.entity';
import { VillagePaceEntity, VillagePlanEntity } from './entities/village-plan.entity';

/** What one household's light needs of the plan, in one round trip. */
export interface HouseholdPlanRow {
  batchMoveDate: string | null;
  villageMoveDate: string | null;
  paceDate: string | null;
  steps: number | null;
  openHouseholds: number | null;
}

export interface StageCountRow {
  villageId: string;
  stage: string;
  count: number;
}

export interface MoveCountRow {
  villageId: string;
  kind: string;
  toStage: string;
  count: number;
}

export interface AtRiskCountRow {
  villageId: string;
  atRisk: number;
  behindPlan: number;
  cannotMakeMoveDate: number;
}

export interface AtRiskHouseholdRow {
  id: string;
  code: string;
  headName: string;
  stage: string;
  light: string;
  lightReasons: string;
}

// Over `household h` joined to its light's reasons `r` (AT_RISK).
const BEHIND = `r.reasons LIKE '%"behind_plan"%'`;
const CANNOT = `r.reasons LIKE '%"cannot_make_move_date"%'`;
const AT_RISK = `household h JOIN household_light_reasons r ON r.household_id = h.id`;

/**
 * `village_plan` (this module's table), and the read-only set-based reads of the plan: households by village
 * and stage, stage moves in the pace window, the households whose light carries a plan reason.
 */
@Injectable()
export class PlanningRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  findVillagePlan(villageId: string, manager: EntityManager = this.dataSource.manager) {
    return manager.getRepository(VillagePlanEntity).findOne({ where: { villageId } });
  }

  allVillagePlans(manager: EntityManager = this.dataSource.manager): Promise<VillagePlanEntity[]> {
    return manager.getRepository(VillagePlanEntity).find();
  }

  async insert(manager: EntityManager, row: VillagePlanEntity): Promise<void> {
    await manager.getRepository(VillagePlanEntity).insert(row);
  }

  /** Compare-and-set on the version read, so of two racing changes one wins and the other is told. */
  async updateMoveDate(
    manager: EntityManager,
    villageId: string,
    version: number,
    fields: Pick<VillagePlanEntity, 'moveDate' | 'reason' | 'updatedBy' | 'updatedAt'>,
  ): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .update(VillagePlanEntity)
      .set({ ...fields, version: () => 'version + 1' })
      .where('village_id = :villageId AND version = :version', { villageId, version })
      .execute();
    return (result.affected ?? 0) === 1;
  }

  /** Each village's measured pace, replacing the last. */
  async savePaces(manager: EntityManager, paces: VillagePaceEntity[]): Promise<void> {
    for (let i = 0; i < paces.length; i += 500)
      await manager.getRepository(VillagePaceEntity).upsert(paces.slice(i, i + 500), ['villageId']);
  }

  findPace(villageId: string, manager: EntityManager = this.dataSource.manager) {
    return manager.getRepository(VillagePaceEntity).findOne({ where: { villageId } });
  }

  /** The household's batch move date, its village's move date and pace: one statement (the visit's hot path). */
  async householdPlan(
    manager: EntityManager,
    householdId: string,
    villageId: string,
  ): Promise<HouseholdPlanRow> {
    const [row] = await rawQuery(
      manager,
      `SELECT (SELECT b.move_date FROM plan_batch_member m JOIN plan_batch b ON b.id = m.batch_id
                WHERE m.household_id = :householdId) AS batch_move_date,
              (SELECT move_date FROM village_plan WHERE village_id = :villageId) AS village_move_date,
              p.pace_date, p.steps, p.open_households
         FROM (SELECT 1 AS one) AS x LEFT JOIN village_pace p ON p.village_id = :villageId`,
      { householdId, villageId },
    );
    return planRow(row);
  }

  /** `householdPlan` for several households in one statement (a batch of visits), by household id. */
  async householdPlans(
    manager: EntityManager,
    householdIds: string[],
  ): Promise<Map<string, HouseholdPlanRow>> {
    if (householdIds.length === 0) return new Map();
    const rows = await rawQuery(
      manager,
      `SELECT h.id AS household_id,
              (SELECT b.move_date FROM plan_batch_member m JOIN plan_batch b ON b.id = m.batch_id
                WHERE m.household_id = h.id) AS batch_move_date,
              (SELECT move_date FROM village_plan WHERE village_id = h.village_id) AS village_move_date,
              p.pace_date, p.steps, p.open_households
         FROM household h LEFT JOIN village_pace p ON p.village_id = h.village_id
        WHERE h.id IN (:...householdIds)`,
      { householdIds },
    );
    return new Map(rows.map((row) => [String(row.household_id), planRow(row)]));
  }

  /** Whether any move date is set at all (without one, the review skips the plan). */
  async anyPlan(): Promise<boolean> {
    const rows = await rawQuery(
      this.dataSource.manager,
      'SELECT 1 AS one FROM village_plan UNION ALL SELECT 1 AS one FROM plan_batch LIMIT 1',
    );
    return rows.length > 0;
  }

  /** Every batch member's move date (household id → date), for the review. */
  async batchMoveDates(villageId?: string): Promise<Map<string, string>> {
    const rows = await rawQuery(
      this.dataSource.manager,
      `SELECT m.household_id, b.move_date FROM plan_batch_member m JOIN plan_batch b ON b.id = m.batch_id
       ${villageId ? 'JOIN household h ON h.id = m.household_id WHERE h.village_id = :villageId' : ''}`,
      { villageId },
    );
    return new Map(rows.map((r) => [r.household_id as string, r.move_date as string]));
  }

  findBatch(id: string, manager: EntityManager = this.dataSource.manager) {
    return manager.getRepository(PlanBatchEntity).findOne({ where: { id } });
  }

  findBatchByName(manager: EntityManager, name: string) {
    return manager.getRepository(PlanBatchEntity).findOne({ where: { name } });
  }

  async insertBatch(manager: EntityManager, batch: PlanBatchEntity, householdIds: string[]): Promise<void> {
    await manager.getRepository(PlanBatchEntity).insert(batch);
    for (let i = 0; i < householdIds.length; i += 500)
      await manager
        .getRepository(PlanBatchMemberEntity)
        .insert(householdIds.slice(i, i + 500).map((householdId) => ({ householdId, batchId: batch.id })));
  }

  async updateBatchMoveDate(
    manager: EntityManager,
    id: string,
    version: number,
    fields: Pick<PlanBatchEntity, 'moveDate' | 'reason' | 'updatedBy' | 'updatedAt'>,
  ): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .update(PlanBatchEntity)
      .set({ ...fields, version: () => 'version + 1' })
      .where('id = :id AND version = :version', { id, version })
      .execute();
    return (result.affected ?? 0) === 1;
  }

  /** Of these households, those already in a batch (household id → batch name). */
  async membersAmong(manager: EntityManager, householdIds: string[]): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    for (let i = 0; i < householdIds.length; i += 500) {
      const rows = await rawQuery(
        manager,
        `SELECT m.household_id, b.name FROM plan_batch_member m JOIN plan_batch b ON b.id = m.batch_id
          WHERE m.household_id IN (:...ids)`,
        { ids: householdIds.slice(i, i + 500) },
      );
      for (const r of rows) found.set(r.household_id as string, r.name as string);
    }
    return found;
  }

  /** Of these households, the ones in this batch. */
  async membersOf(manager: EntityManager, batchId: string, householdIds: string[]): Promise<Set<string>> {
    const found = new Set<string>();
    for (let i = 0; i < householdIds.length; i += 500) {
      const rows = await rawQuery(
        manager,
        'SELECT household_id FROM plan_batch_member WHERE batch_id = :batchId AND household_id IN (:...ids)',
        { batchId, ids: householdIds.slice(i, i + 500) },
      );
      for (const r of rows) found.add(r.household_id as string);
    }
    return found;
  }

  async removeMembers(manager: EntityManager, batchId: string, householdIds: string[]): Promise<void> {
    for (let i = 0; i < householdIds.length; i += 500)
      await manager
        .getRepository(PlanBatchMemberEntity)
        .delete({ batchId, householdId: In(householdIds.slice(i, i + 500)) });
  }

  async memberCount(manager: EntityManager, batchId: string): Promise<number> {
    return manager.getRepository(PlanBatchMemberEntity).count({ where: { batchId } });
  }

  /** Deleted only at the version read (a member added in between moves it). */
  async deleteBatch(manager: EntityManager, id: string, version: number): Promise<boolean> {
    const result = await manager.getRepository(PlanBatchEntity).delete({ id, version });
    return (result.affected ?? 0) === 1;
  }

  /** A batch's version moves on any change to it (its date or its members), for the optimistic checks. */
  async touchBatch(
    manager: EntityManager,
    id: string,
    version: number,
    fields: Pick<PlanBatchEntity, 'updatedBy' | 'updatedAt'>,
  ): Promise<boolean> {
    const result = await manager
      .getRepository(PlanBatchEntity)
      .update({ id, version }, { ...fields, version: version + 1 });
    return (result.affected ?? 0) > 0;
  }

  /** Of these 户编号, the households that exist: code → id. */
  async idsByCodes(manager: EntityManager, codes: string[]): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    for (let i = 0; i < codes.length; i += 500) {
      const rows = await rawQuery(manager, 'SELECT id, code FROM household WHERE code IN (:...codes)', {
        codes: codes.slice(i, i + 500),
      });
      for (const r of rows) found.set(r.code as string, r.id as string);
    }
    return found;
  }

  /** Of these ids, the households that exist, with their village. */
  async householdVillages(manager: EntityManager, householdIds: string[]): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    for (let i = 0; i < householdIds.length; i += 500) {
      const rows = await rawQuery(manager, 'SELECT id, village_id FROM household WHERE id IN (:...ids)', {
        ids: householdIds.slice(i, i + 500),
      });
      for (const r of rows) found.set(r.id as string, r.village_id as string);
    }
    return found;
  }

  /** Batches with their member counts and villages, newest first. */
  async batches(): Promise<(PlanBatchEntity & { households: number; villageIds: string[] })[]> {
    const batches = await this.dataSource
      .getRepository(PlanBatchEntity)
      .find({ order: { createdAt: 'DESC' } });
    const rows = await rawQuery(
      this.dataSource.manager,
      `SELECT m.batch_id, h.village_id, COUNT(*) AS n FROM plan_batch_member m JOIN household h ON h.id = m.household_id
        GROUP BY m.batch_id, h.village_id`,
    );
    return batches.map((batch) => {
      const mine = rows.filter((r) => r.batch_id === batch.id);
      return Object.assign(batch, {
        households: mine.reduce((sum, r) => sum + num(r.n), 0),
        villageIds: mine.map((r) => r.village_id as string),
      });
    });
  }

  /** The villages a batch's households are in. */
  async batchVillages(batchId: string): Promise<string[]> {
    const rows = await rawQuery(
      this.dataSource.manager,
      `SELECT DISTINCT h.village_id FROM plan_batch_member m JOIN household h ON h.id = m.household_id
        WHERE m.batch_id = :batchId`,
      { batchId },
    );
    return rows.map((r) => r.village_id as string);
  }

  /** The batch a household is in, if any. */
  async batchOf(householdId: string): Promise<PlanBatchEntity | null> {
    const member = await this.dataSource
      .getRepository(PlanBatchMemberEntity)
      .findOne({ where: { householdId } });
    return member ? this.findBatch(member.batchId) : null;
  }

  /** Households per village and stage (one village, or all): the open households and the steps to go. */
  async stageCounts(villageId?: string, manager = this.dataSource.manager): Promise<StageCountRow[]> {
    const rows = await rawQuery(
      manager,
      `SELECT village_id, stage, COUNT(*) AS n FROM household
        ${villageId ? 'WHERE village_id = :villageId' : ''} GROUP BY village_id, stage`,
      { villageId },
    );
    return rows.map((r) => ({
      villageId: r.village_id as string,
      stage: r.stage as string,
      count: num(r.n),
    }));
  }

  /** Stage moves with a business date in [from, to], by the village the household is in now. */
  async moveCounts(
    from: string,
    to: string,
    villageId?: string,
    manager = this.dataSource.manager,
  ): Promise<MoveCountRow[]> {
    const rows = await rawQuery(
      manager,
      // SQLite picks the primary key for the join and reads every household row; the covering index avoids that.
      `SELECT h.village_id, e.kind, e.to_stage, COUNT(*) AS n
         FROM stage_event e
         JOIN household h ${manager.connection.driver.options.type === 'postgres' ? '' : 'INDEXED BY ix_household_id_village'}
           ON h.id = e.household_id
        WHERE e.business_date >= :from AND e.business_date <= :to ${villageId ? 'AND h.village_id = :villageId' : ''}
        GROUP BY h.village_id, e.kind, e.to_stage`,
      { from, to, villageId },
    );
    return rows.map((r) => ({
      villageId: r.village_id as string,
      kind: r.kind as string,
      toStage: r.to_stage as string,
      count: num(r.n),
    }));
  }

  /** Per village, the households whose light carries a plan reason. */
  async atRiskCounts(): Promise<AtRiskCountRow[]> {
    const rows = await rawQuery(
      this.dataSource.manager,
      `SELECT h.village_id, COUNT(*) AS n,
              SUM(CASE WHEN ${BEHIND} THEN 1 ELSE 0 END) AS behind,
              SUM(CASE WHEN ${CANNOT} THEN 1 ELSE 0 END) AS cannot
         FROM ${AT_RISK} WHERE h.light <> 'green' AND (${BEHIND} OR ${CANNOT})
        GROUP BY h.village_id`,
    );
    return rows.map((r) => ({
      villageId: r.village_id as string,
      atRisk: num(r.n),
      behindPlan: num(r.behind),
      cannotMakeMoveDate: num(r.cannot),
    }));
  }

  /** A page of one village's households at risk: those who cannot make it first, then by code. */
  async atRiskPage(
    villageId: string,
    page: number,
    pageSize: number,
  ): Promise<{ items: AtRiskHouseholdRow[]; total: number }> {
    const where = `h.village_id = :villageId AND h.light <> 'green' AND (${BEHIND} OR ${CANNOT})`;
    const [count] = await rawQuery(
      this.dataSource.manager,
      `SELECT COUNT(*) AS n FROM ${AT_RISK} WHERE ${where}`,
      {
        villageId,
      },
    );
    const rows = await rawQuery(
      this.dataSource.manager,
      `SELECT h.id, h.code, h.head_name, h.stage, h.light, r.reasons FROM ${AT_RISK} WHERE ${where}
        ORDER BY CASE WHEN ${CANNOT} THEN 0 ELSE 1 END, h.code
        LIMIT ${Number(pageSize)} OFFSET ${Number((page - 1) * pageSize)}`,
      { villageId },
    );
    return {
      total: num(count?.n),
      items: rows.map((r) => ({
        id: r.id as string,
        code: r.code as string,
        headName: r.head_name as string,
        stage: r.stage as string,
        light: r.light as string,
        lightReasons: r.reasons as string,
      })),
    };
  }
}

function planRow(row: Record<string, unknown>): HouseholdPlanRow {
  return {
    batchMoveDate: (row.batch_move_date as string | null) ?? null,
    villageMoveDate: (row.village_move_date as string | null) ?? null,
    paceDate: (row.pace_date as string | null) ?? null,
    steps: row.steps === null || row.steps === undefined ? null : num(row.steps),
    openHouseholds:
      row.open_households === null || row.open_households === undefined ? null : num(row.open_households),
  };
}
