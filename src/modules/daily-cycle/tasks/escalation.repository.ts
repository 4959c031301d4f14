import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { rawQuery } from '../../../database/raw-query';
import { chainSql } from '../../responsibility/responsibility-sql';
import { TaskEntity } from './entities/task.entity';
import { Chain } from './escalation';

export interface EscalationCandidate {
  id: string;
  dueDate: string;
  level: number;
  assigneeUserId: string | null;
  code: string;
  cadreId: string | null;
  villageLeaderId: string | null;
  taskForceLeaderId: string | null;
}

/** Tasks raised per statement (bound values well under both databases' limits). */
const RAISE_SLICE = 2000;

/** The open tasks old enough to climb their household's chain, with the chain: one set-based query. */
@Injectable()
export class EscalationRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * `dueBy[level]`: a task at that level is due for the next one when its due date is on or before it. Only those
   * are read, so a day when nothing crosses a threshold reads (nearly) nothing, however many tasks are open.
   */
  async candidates(dueBy: string[]): Promise<EscalationCandidate[]> {
    if (dueBy.length === 0) return [];
    const chain = chainSql('h');
    const levels = dueBy.map(
      (_, level) => `(t.escalation_level = ${level} AND t.due_date <= :dueBy${level})`,
    );
    const params = Object.fromEntries(dueBy.map((date, level) => [`dueBy${level}`, date]));
    const rows = await rawQuery<Record<string, unknown>>(
      this.dataSource.manager,
      `SELECT t.id, t.due_date, t.escalation_level, t.assignee_user_id, h.code, h.cadre_id, ${chain.select}
         FROM task t JOIN household h ON h.id = t.household_id ${chain.joins}
        WHERE t.status = 'open' AND t.due_date <= :dueBy0 AND (${levels.join(' OR ')})
        ORDER BY t.due_date, t.id`,
      params,
    );
    return rows.map((r) => ({
      id: r.id as string,
      dueDate: r.due_date as string,
      level: Number(r.escalation_level),
      assigneeUserId: (r.assignee_user_id as string) ?? null,
      code: r.code as string,
      cadreId: (r.cadre_id as string) ?? null,
      villageLeaderId: (r.village_leader_id as string) ?? null,
      taskForceLeaderId: (r.task_force_leader_id as string) ?? null,
    }));
  }

  /** The chain of each task of a cycle date that has a household (the dispatch sheet names it), one query. */
  async chainsOn(date: string): Promise<Map<string, Chain>> {
    const chain = chainSql('h');
    const rows = await rawQuery<Record<string, string | null>>(
      this.dataSource.manager,
      `SELECT t.id, h.cadre_id, ${chain.select}
         FROM task t JOIN household h ON h.id = t.household_id ${chain.joins}
        WHERE t.cycle_date = :date`,
      { date },
    );
    return new Map(
      rows.map((r) => [
        r.id!,
        {
          cadreId: r.cadre_id,
          villageLeaderId: r.village_leader_id,
          taskForceLeaderId: r.task_force_leader_id,
        },
      ]),
    );
  }

  /** Raises these open tasks to `level` (never down: a concurrent run that got further wins). */
  async raise(manager: EntityManager, ids: string[], level: number, to: string, at: Date): Promise<number> {
    let raised = 0;
    for (let i = 0; i < ids.length; i += RAISE_SLICE) {
      const result = await manager
        .createQueryBuilder()
        .update(TaskEntity)
        .set({ escalationLevel: level, escalatedAt: at, escalatedTo: to })
        // `status || ''`: a plain `status = 'open'` sends SQLite's planner down ix_task_status_due over every open
        // task for each statement (23 s for 72,000 tasks) instead of the primary key.
        .where("id IN (:...ids) AND status || '' = 'open' AND escalation_level < :level", {
          ids: ids.slice(i, i + RAISE_SLICE),
          level,
        })
        .execute();
      raised += result.affected ?? 0;
    }
    return raised;
  }
}
