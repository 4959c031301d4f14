import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { num, rawQuery } from '../../database/raw-query';
import { VillagePlanEntity } from './entities/village-plan.entity';

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

const BEHIND = `light_reasons LIKE '%"behind_plan"%'`;
const CANNOT = `light_reasons LIKE '%"cannot_make_move_date"%'`;

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

  async savePace(
    manager: EntityManager,
    villageId: string,
    paceDate: string,
    steps: number,
    open: number,
  ): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(VillagePlanEntity)
      .set({ paceDate, paceSteps: steps, paceOpen: open })
      .where('village_id = :villageId', { villageId })
      .execute();
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
      `SELECT h.village_id, e.kind, e.to_stage, COUNT(*) AS n
         FROM stage_event e JOIN household h ON h.id = e.household_id
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
      `SELECT village_id, COUNT(*) AS n,
              SUM(CASE WHEN ${BEHIND} THEN 1 ELSE 0 END) AS behind,
              SUM(CASE WHEN ${CANNOT} THEN 1 ELSE 0 END) AS cannot
         FROM household WHERE light <> 'green' AND (${BEHIND} OR ${CANNOT})
        GROUP BY village_id`,
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
    const where = `village_id = :villageId AND light <> 'green' AND (${BEHIND} OR ${CANNOT})`;
    const [count] = await rawQuery(
      this.dataSource.manager,
      `SELECT COUNT(*) AS n FROM household WHERE ${where}`,
      {
        villageId,
      },
    );
    const rows = await rawQuery(
      this.dataSource.manager,
      `SELECT id, code, head_name, stage, light, light_reasons FROM household WHERE ${where}
        ORDER BY CASE WHEN ${CANNOT} THEN 0 ELSE 1 END, code
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
        lightReasons: r.light_reasons as string,
      })),
    };
  }
}
