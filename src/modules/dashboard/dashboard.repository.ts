import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { HouseholdScope } from '../../common/policy/access-policy';
import { num, rawQuery } from '../../database/raw-query';
import { ACTIVE_STATUSES_SQL } from '../problems/problem-states';
import { householdScopeSql } from '../households/household-scope';
import { problemScopeSql } from '../problems/problem-scope';

export interface HouseholdCountRow {
  villageId: string;
  stage: string;
  light: string;
  households: number;
  onHold: number;
}

export interface TodayFigures {
  visits: number;
  householdsVisited: number;
  advances: number;
  householdsAdvanced: number;
  rollbacks: number;
  problemsOpened: number;
  problemsClosed: number;
  problemsOverdue: number;
  approvalsPending: number;
}

export interface TrendRow {
  date: string;
  visits: number;
  householdsVisited: number;
  advances: number;
  problemsOpened: number;
  problemsClosed: number;
}

interface ScopeSql {
  sql: string;
  params: Record<string, unknown>;
  /** Whether `sql` reads household `h`: the whole command centre's figures need no join (2–5× faster). */
  joinsHousehold: boolean;
}

/** The caller's data scope as SQL over household `h`, or (`problems`) over problem `p` and its household. */
function scopeSql(scope: HouseholdScope, problems = false): ScopeSql {
  const { sql, params } = problems ? problemScopeSql(scope) : householdScopeSql(scope);
  return { sql, params, joinsHousehold: scope.kind === 'cadre' || (scope.kind === 'org' && !problems) };
}

/** `JOIN household h` (LEFT for problems, which may have none) when the scope reads it, else nothing. */
const household = (s: ScopeSql, on: string, left = false): string =>
  s.joinsHousehold ? `${left ? 'LEFT ' : ''}JOIN household h ON h.id = ${on}` : '';

/** 挂图作战: five GROUP BY / COUNT queries over the caller's households, none per household. */
@Injectable()
export class DashboardRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async households(scope: HouseholdScope): Promise<HouseholdCountRow[]> {
    const s = scopeSql(scope);
    const rows = await rawQuery(
      this.dataSource.manager,
      `SELECT h.village_id, h.stage, h.light, count(*) AS n,
              SUM(CASE WHEN h.on_hold = :held THEN 1 ELSE 0 END) AS held
         FROM household h WHERE ${s.sql}
        GROUP BY h.village_id, h.stage, h.light`,
      { ...s.params, held: true },
    );
    return rows.map((r) => ({
      villageId: String(r.village_id),
      stage: String(r.stage),
      light: String(r.light),
      households: num(r.n),
      onHold: num(r.held),
    }));
  }

  /**
   * Per business date from `from` to `to` (inclusive): visits, households visited, stage advances, problems
   * opened and closed, over the caller's households; dates with nothing are absent (the service fills them).
   */
  async trends(scope: HouseholdScope, from: string, to: string): Promise<TrendRow[]> {
    const m = this.dataSource.manager;
    const s = scopeSql(scope);
    const p = scopeSql(scope, true);
    const range = { ...s.params, ...p.params, from, to };
    const [visits, moves, opened, closed] = await Promise.all([
      rawQuery(
        m,
        `SELECT v.business_date AS d, count(*) AS n, count(DISTINCT v.household_id) AS households
           FROM visit v ${household(s, 'v.household_id')}
          WHERE v.business_date BETWEEN :from AND :to AND ${s.sql} GROUP BY v.business_date`,
        range,
      ),
      rawQuery(
        m,
        `SELECT e.business_date AS d, count(*) AS n FROM stage_event e ${household(s, 'e.household_id')}
          WHERE e.business_date BETWEEN :from AND :to AND e.kind = 'advance' AND ${s.sql} GROUP BY e.business_date`,
        range,
      ),
      rawQuery(
        m,
        `SELECT p.opened_date AS d, count(*) AS n FROM problem p ${household(p, 'p.household_id', true)}
          WHERE p.opened_date BETWEEN :from AND :to AND ${p.sql} GROUP BY p.opened_date`,
        range,
      ),
      rawQuery(
        m,
        `SELECT p.closed_date AS d, count(*) AS n FROM problem p ${household(p, 'p.household_id', true)}
          WHERE p.closed_date BETWEEN :from AND :to AND ${p.sql} GROUP BY p.closed_date`,
        range,
      ),
    ]);
    const rows = new Map<string, TrendRow>();
    const row = (date: unknown) => {
      const key = String(date);
      let found = rows.get(key);
      if (!found) {
        found = {
          date: key,
          visits: 0,
          householdsVisited: 0,
          advances: 0,
          problemsOpened: 0,
          problemsClosed: 0,
        };
        rows.set(key, found);
      }
      return found;
    };
    for (const r of visits)
      Object.assign(row(r.d), { visits: num(r.n), householdsVisited: num(r.households) });
    for (const r of moves) row(r.d).advances = num(r.n);
    for (const r of opened) row(r.d).problemsOpened = num(r.n);
    for (const r of closed) row(r.d).problemsClosed = num(r.n);
    return [...rows.values()];
  }

  async today(scope: HouseholdScope, today: string, now: Date): Promise<TodayFigures> {
    const m = this.dataSource.manager;
    const s = scopeSql(scope);
    const [visits] = await rawQuery(
      m,
      `SELECT count(*) AS visits, count(DISTINCT v.household_id) AS visited
         FROM visit v ${household(s, 'v.household_id')}
        WHERE v.business_date = :today AND ${s.sql}`,
      { ...s.params, today },
    );
    const moves = await rawQuery(
      m,
      `SELECT e.kind, count(*) AS n, count(DISTINCT e.household_id) AS households
         FROM stage_event e ${household(s, 'e.household_id')}
        WHERE e.business_date = :today AND ${s.sql}
        GROUP BY e.kind`,
      { ...s.params, today },
    );
    const p = scopeSql(scope, true);
    const overdue = `p.status IN ${ACTIVE_STATUSES_SQL} AND p.due_at < :now`;
    const [problems] = await rawQuery(
      m,
      `SELECT SUM(CASE WHEN p.opened_date = :today THEN 1 ELSE 0 END) AS opened,
              SUM(CASE WHEN p.closed_date = :today THEN 1 ELSE 0 END) AS closed,
              SUM(CASE WHEN ${overdue} THEN 1 ELSE 0 END) AS overdue
         FROM problem p ${household(p, 'p.household_id', true)}
        WHERE (p.opened_date = :today OR p.closed_date = :today OR (${overdue})) AND ${p.sql}`,
      { ...p.params, today, now },
    );
    const [approvals] = await rawQuery(
      m,
      `SELECT count(*) AS n FROM approval a ${household(s, 'a.household_id')}
        WHERE a.status = 'pending' AND ${s.sql}`,
      s.params,
    );
    const moved = (kind: string) => num(moves.find((r) => r.kind === kind)?.n);
    return {
      visits: num(visits.visits),
      householdsVisited: num(visits.visited),
      advances: moved('advance'),
      householdsAdvanced: num(moves.find((r) => r.kind === 'advance')?.households),
      rollbacks: moved('rollback'),
      problemsOpened: num(problems?.opened),
      problemsClosed: num(problems?.closed),
      problemsOverdue: num(problems?.overdue),
      approvalsPending: num(approvals.n),
    };
  }
}
