import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { HouseholdScope } from '../../common/policy/access-policy';
import { num, rawQuery } from '../../database/raw-query';

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
  rollbacks: number;
  problemsOpened: number;
  problemsClosed: number;
  problemsOverdue: number;
  approvalsPending: number;
}

const ACTIVE = "('open', 'assigned', 'reopened')";

/** The caller's data scope as SQL over household `h` (and problem `p`), like HouseholdsRepository.applyScope. */
function scopeSql(scope: HouseholdScope, problems = false): { sql: string; params: Record<string, unknown> } {
  switch (scope.kind) {
    case 'all':
      return { sql: '1 = 1', params: {} };
    case 'cadre':
      return {
        sql: problems
          ? '(h.cadre_id = :scopeCadre OR p.reporter_id = :scopeCadre)'
          : 'h.cadre_id = :scopeCadre',
        params: { scopeCadre: scope.cadreId },
      };
    case 'org':
      return {
        sql: problems
          ? '(p.township_id = :scopeOrg OR p.village_id = :scopeOrg)'
          : '(h.township_id = :scopeOrg OR h.village_id = :scopeOrg)',
        params: { scopeOrg: scope.orgUnitId },
      };
    case 'none':
      return { sql: '1 = 0', params: {} };
  }
}

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

  async today(scope: HouseholdScope, today: string, now: Date): Promise<TodayFigures> {
    const m = this.dataSource.manager;
    const s = scopeSql(scope);
    const [visits] = await rawQuery(
      m,
      `SELECT count(*) AS visits, count(DISTINCT v.household_id) AS visited
         FROM visit v JOIN household h ON h.id = v.household_id
        WHERE v.business_date = :today AND ${s.sql}`,
      { ...s.params, today },
    );
    const moves = await rawQuery(
      m,
      `SELECT e.kind, count(*) AS n
         FROM stage_event e JOIN household h ON h.id = e.household_id
        WHERE e.business_date = :today AND ${s.sql}
        GROUP BY e.kind`,
      { ...s.params, today },
    );
    const p = scopeSql(scope, true);
    const overdue = `p.status IN ${ACTIVE} AND p.due_at < :now`;
    const [problems] = await rawQuery(
      m,
      `SELECT SUM(CASE WHEN p.opened_date = :today THEN 1 ELSE 0 END) AS opened,
              SUM(CASE WHEN p.closed_date = :today THEN 1 ELSE 0 END) AS closed,
              SUM(CASE WHEN ${overdue} THEN 1 ELSE 0 END) AS overdue
         FROM problem p LEFT JOIN household h ON h.id = p.household_id
        WHERE (p.opened_date = :today OR p.closed_date = :today OR (${overdue})) AND ${p.sql}`,
      { ...p.params, today, now },
    );
    const [approvals] = await rawQuery(
      m,
      `SELECT count(*) AS n FROM approval a JOIN household h ON h.id = a.household_id
        WHERE a.status = 'pending' AND ${s.sql}`,
      s.params,
    );
    const moved = (kind: string) => num(moves.find((r) => r.kind === kind)?.n);
    return {
      visits: num(visits.visits),
      householdsVisited: num(visits.visited),
      advances: moved('advance'),
      rollbacks: moved('rollback'),
      problemsOpened: num(problems?.opened),
      problemsClosed: num(problems?.closed),
      problemsOverdue: num(problems?.overdue),
      approvalsPending: num(approvals.n),
    };
  }
}
