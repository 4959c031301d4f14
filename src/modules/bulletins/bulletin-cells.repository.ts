import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { instant, num, rawQuery } from '../../database/raw-query';
import { BulletinWeek, WeekProblem } from './bulletin-cells';
import {
  atWeekEnd,
  bulletinParams,
  BulletinWindow,
  CLOSED_ON_TIME,
  COUNTED_PROBLEM,
  EVENTS_SINCE_WEEK_START,
  HOUSEHOLDS_AT_END,
  KEYS_AS,
  OVERDUE_FOR_VISIT,
  OVERDUE_PROBLEM,
  PROBLEMS_AT_END,
  SIGNED_NOW,
  STATUS_AT_END,
  STEP_NOW,
  STEPS_BACK,
  SUPERVISED_AT_END,
} from './bulletins.repository';

const id = (value: unknown) => (value === null || value === undefined ? null : String(value));

/**
 * The bulletin's facts one row per household and per problem instead of per group: the same fragments as
 * BulletinsRepository.facts (its GROUP BYs sum exactly these rows), so a drill-down list counts what it counts.
 */
@Injectable()
export class BulletinCellsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async week(window: BulletinWindow): Promise<BulletinWeek> {
    const m = this.dataSource.manager;
    const params = bulletinParams(window);
    const households = await rawQuery(
      m,
      `SELECT h.id, h.code, ${KEYS_AS}, ${STEP_NOW} AS steps_now, ${SIGNED_NOW} AS signed_now,
              ${OVERDUE_FOR_VISIT} AS overdue_visits
         FROM ${HOUSEHOLDS_AT_END}`,
      params,
    );
    const moves = await rawQuery(
      m,
      `SELECT e.household_id, ${STEPS_BACK}
         FROM ${EVENTS_SINCE_WEEK_START} e JOIN household h ON h.id = e.household_id
        WHERE h.created_at < :weekEnd
        GROUP BY e.household_id`,
      params,
    );
    // The flags on the bare row (x), as the bulletin sums them; its status at week end only for the list.
    const problems = await rawQuery(
      m,
      `SELECT y.*, p.category, p.severity, ${STATUS_AT_END} AS status
         FROM (SELECT x.id, x.household_id, x.village_id, x.township_id, x.task_force_id, x.cadre_id, x.unit_id,
                      x.due_at, x.closed_at, x.closed_in_week,
                      CASE WHEN ${CLOSED_ON_TIME} THEN 1 ELSE 0 END AS on_time,
                      CASE WHEN ${OVERDUE_PROBLEM} THEN 1 ELSE 0 END AS overdue
                 FROM (${PROBLEMS_AT_END}) x
                WHERE ${COUNTED_PROBLEM}) y
         JOIN problem p ON p.id = y.id`,
      params,
    );
    const supervised = await rawQuery(m, SUPERVISED_AT_END, params);

    const back = new Map(moves.map((r) => [String(r.household_id), r]));
    const codes = new Map(households.map((r) => [String(r.id), String(r.code)]));
    const problem = (r: Record<string, unknown>): WeekProblem => {
      const householdId = id(r.household_id);
      return {
        id: String(r.id),
        householdId,
        householdCode: householdId === null ? null : (codes.get(householdId) ?? id(r.code)),
        villageId: id(r.village_id),
        townshipId: id(r.township_id),
        taskForceId: id(r.task_force_id),
        cadreId: id(r.cadre_id),
        unitId: id(r.unit_id),
        category: String(r.category),
        severity: String(r.severity),
        status: String(r.status),
        dueAt: instant(r.due_at),
        closedAt: r.closed_at === null || r.closed_at === undefined ? null : instant(r.closed_at),
        closed: num(r.closed_in_week) === 1,
        closedOnTime: num(r.on_time) === 1,
        overdue: num(r.overdue) === 1,
      };
    };
    return {
      households: households.map((r) => {
        const figures = atWeekEnd(r, back.get(String(r.id)) ?? {});
        return {
          id: String(r.id),
          code: String(r.code),
          villageId: id(r.village_id),
          townshipId: id(r.township_id),
          taskForceId: id(r.task_force_id),
          cadreId: id(r.cadre_id),
          signed: figures.signed > 0,
          progressed: figures.stepsEnd > figures.stepsStart,
          overdueForVisit: num(r.overdue_visits) === 1,
        };
      }),
      problems: problems.map(problem),
      // The supervised list has no task force or cadre: it is a total only.
      supervised: supervised.map(problem),
    };
  }
}
