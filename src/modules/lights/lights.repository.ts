import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { HouseholdEntity } from '../households/entities/household.entity';
import { ProblemEntity } from '../problems/entities/problem.entity';

export const OPEN_PROBLEM_STATUSES = ['open', 'assigned', 'reopened'];

@Injectable()
export class LightsRepository {
  /** Overdue and P1 problems still being worked on, for one household. */
  async problemCounts(
    manager: EntityManager,
    householdId: string,
    now: Date,
  ): Promise<{ overdue: number; p1: number }> {
    const row = await manager
      .getRepository(ProblemEntity)
      .createQueryBuilder('p')
      .select('SUM(CASE WHEN p.due_at < :now THEN 1 ELSE 0 END)', 'overdue')
      .addSelect("SUM(CASE WHEN p.severity = 'p1' THEN 1 ELSE 0 END)", 'p1')
      .where('p.household_id = :householdId', { householdId })
      .andWhere('p.status IN (:...statuses)', { statuses: OPEN_PROBLEM_STATUSES })
      .setParameter('now', now)
      .getRawOne<{ overdue: string | number | null; p1: string | number | null }>();
    return { overdue: Number(row?.overdue ?? 0), p1: Number(row?.p1 ?? 0) };
  }

  /** Lights are derived, not edited: writing them does not bump the household's version. */
  async save(manager: EntityManager, householdId: string, light: string, reasons: string[]): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(HouseholdEntity)
      .set({ light, lightReasons: JSON.stringify(reasons) })
      .where('id = :householdId', { householdId })
      .execute();
  }
}
