import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { num, rawQuery } from '../../../database/raw-query';
import { ACTIVE_STATUSES_SQL } from '../../problems/problem-states';
import { chainSql } from '../../responsibility/responsibility-sql';

/**
 * Each listed household's chain above its cadre (village leader, task-force leader), joined in the same query when
 * asked for: the overdue list names it; the dispatch, which reads every row, does not need it.
 */
const CHAIN = chainSql('h');
const chain = (withChain: boolean) =>
  withChain ? { select: `, ${CHAIN.select}`, joins: CHAIN.joins } : { select: '', joins: '' };

export interface Thresholds {
  /** Households not visited since this instant are overdue for a visit. */
  visitCutoff: Date;
  /** Households that have not moved since this instant are stalled. */
  stallCutoff: Date;
  /** Approvals requested before this instant are aging. */
  approvalCutoff: Date;
  now: Date;
}

/** What is overdue or stalled right now, as SQL: each list is one indexed query. */
@Injectable()
export class SupervisionRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private q(sql: string, params: Thresholds) {
    return rawQuery(this.dataSource.manager, sql, { ...params });
  }

  private readonly overdueVisitWhere = `h.stage <> 'closed' AND COALESCE(h.last_visit_at, h.created_at) < :visitCutoff`;
  private readonly stalledWhere = `h.stage <> 'closed' AND h.stage_changed_at < :stallCutoff`;
  private readonly agingWhere = `a.status = 'pending' AND a.requested_at < :approvalCutoff`;
  private readonly overdueProblemWhere = `p.status IN ${ACTIVE_STATUSES_SQL} AND p.due_at < :now`;

  async counts(t: Thresholds) {
    const [visits] = await this.q(`SELECT count(*) AS n FROM household h WHERE ${this.overdueVisitWhere}`, t);
    const [stalled] = await this.q(`SELECT count(*) AS n FROM household h WHERE ${this.stalledWhere}`, t);
    const [problems] = await this.q(
      `SELECT count(*) AS n FROM problem p WHERE ${this.overdueProblemWhere}`,
      t,
    );
    const [approvals] = await this.q(`SELECT count(*) AS n FROM approval a WHERE ${this.agingWhere}`, t);
    return {
      visits: num(visits.n),
      stalled: num(stalled.n),
      problems: num(problems.n),
      approvals: num(approvals.n),
    };
  }

  overdueVisits(t: Thresholds, limit: number, withChain = false) {
    const c = chain(withChain);
    return this.q(
      `SELECT h.id, h.code, h.head_name, h.cadre_id, h.village_id, COALESCE(h.last_visit_at, h.created_at) AS since,
              h.last_visit_at${c.select}
         FROM household h ${c.joins} WHERE ${this.overdueVisitWhere}
        ORDER BY since ASC, h.id ASC LIMIT ${Number(limit)}`,
      t,
    );
  }

  stalledHouseholds(t: Thresholds, limit: number, withChain = false) {
    const c = chain(withChain);
    return this.q(
      `SELECT h.id, h.code, h.head_name, h.cadre_id, h.stage, h.stage_changed_at AS since${c.select}
         FROM household h ${c.joins} WHERE ${this.stalledWhere}
        ORDER BY h.stage_changed_at ASC, h.id ASC LIMIT ${Number(limit)}`,
      t,
    );
  }

  overdueProblems(t: Thresholds, limit: number, withChain = false) {
    const c = chain(withChain);
    return this.q(
      `SELECT p.id, p.household_id, h.code, p.category, p.severity, p.unit_id, p.owner_id, p.due_at AS since, p.supervised,
              h.cadre_id${c.select}
         FROM problem p LEFT JOIN household h ON h.id = p.household_id ${c.joins}
        WHERE ${this.overdueProblemWhere}
        ORDER BY p.due_at ASC, p.id ASC LIMIT ${Number(limit)}`,
      t,
    );
  }

  agingApprovals(t: Thresholds, limit: number, withChain = false) {
    const c = chain(withChain);
    return this.q(
      `SELECT a.id, a.household_id, h.code, a.to_stage, a.kind, a.current_level, a.township_id, a.requested_at AS since,
              h.cadre_id${c.select}
         FROM approval a JOIN household h ON h.id = a.household_id ${c.joins}
        WHERE ${this.agingWhere}
        ORDER BY a.requested_at ASC, a.id ASC LIMIT ${Number(limit)}`,
      t,
    );
  }
}
