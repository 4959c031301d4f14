import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { instant, num, rawQuery } from '../../database/raw-query';
import { HouseholdEntity } from '../households/entities/household.entity';

export interface LightRow {
  id: string;
  stage: string;
  onHold: boolean;
  createdAt: Date;
  stageChangedAt: Date;
  lastVisitAt: Date | null;
  light: string;
  lightReasons: string;
}

@Injectable()
export class ReviewRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Overdue and P1 counts of every household with active problems, in one GROUP BY. */
  async problemCounts(now: Date): Promise<Map<string, { overdue: number; p1: number }>> {
    const rows = await rawQuery(
      this.dataSource.manager,
      `SELECT household_id,
              SUM(CASE WHEN due_at < :now THEN 1 ELSE 0 END) AS overdue,
              SUM(CASE WHEN severity = 'p1' THEN 1 ELSE 0 END) AS p1
         FROM problem
        WHERE household_id IS NOT NULL AND status IN ('open', 'assigned', 'reopened')
        GROUP BY household_id`,
      { now },
    );
    return new Map(rows.map((r) => [r.household_id as string, { overdue: num(r.overdue), p1: num(r.p1) }]));
  }

  /** Households in id order, a page at a time (keyset, so the walk is linear). */
  async page(afterId: string | null, limit: number): Promise<LightRow[]> {
    // Plain rows, not entities: hydrating 100,000 households was most of the review's memory.
    const rows = await rawQuery(
      this.dataSource.manager,
      `SELECT id, stage, on_hold, created_at, stage_changed_at, last_visit_at, light, light_reasons
         FROM household ${afterId ? 'WHERE id > :afterId' : ''} ORDER BY id LIMIT ${Number(limit)}`,
      { afterId },
    );
    return rows.map((r) => ({
      id: r.id as string,
      stage: r.stage as string,
      onHold: r.on_hold === true || Number(r.on_hold) === 1,
      createdAt: instant(r.created_at),
      stageChangedAt: instant(r.stage_changed_at),
      lastVisitAt: r.last_visit_at === null ? null : instant(r.last_visit_at),
      light: r.light as string,
      lightReasons: r.light_reasons as string,
    }));
  }

  /** One UPDATE per distinct (light, reasons) in the batch; a light is derived, so version is untouched. */
  async saveLights(manager: EntityManager, groups: Map<string, string[]>): Promise<void> {
    for (const [key, ids] of groups) {
      const [light, reasons] = JSON.parse(key) as [string, string];
      for (let i = 0; i < ids.length; i += 500) {
        await manager
          .createQueryBuilder()
          .update(HouseholdEntity)
          .set({ light, lightReasons: reasons })
          .where('id IN (:...ids)', { ids: ids.slice(i, i + 500) })
          .execute();
      }
    }
  }
}
