import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { HouseholdScope } from '../../common/policy/access-policy';
import { instant, num, rawQuery } from '../../database/raw-query';
import { householdScopeSql, HouseholdFilter } from '../households/household-scope';
import { ACTIVE_STATUSES_SQL } from '../problems/problem-states';
import { pastHouseholdsSql } from './past-sql';

/** A household's columns at the instant asked for, and its problems still being worked on then. */
export interface PastRow {
  id: string;
  code: string;
  headName: string;
  createdAt: Date;
  villageId: string;
  townshipId: string | null;
  taskForceId: string | null;
  cadreId: string | null;
  flags: string;
  onHold: boolean;
  holdReason: string | null;
  stage: string;
  stageChangedAt: Date;
  intentOption: string;
  intentSite: string | null;
  intentLivelihood: string | null;
  intentRecordedAt: Date | null;
  lastVisitAt: Date | null;
  openProblems: number;
  overdueProblems: number;
  openP1Problems: number;
}

const PAST_ROWS = `
  , past_counts AS (
    SELECT household_id, COUNT(*) AS open_problems,
           SUM(CASE WHEN due_at < :at THEN 1 ELSE 0 END) AS overdue,
           SUM(CASE WHEN severity = 'p1' THEN 1 ELSE 0 END) AS p1
      FROM past_problem WHERE household_id IS NOT NULL AND status IN ${ACTIVE_STATUSES_SQL}
     GROUP BY household_id
  )
  SELECT ph.*, pc.open_problems, pc.overdue, pc.p1
    FROM past_household ph
    JOIN household h ON h.id = ph.id
    LEFT JOIN past_counts pc ON pc.household_id = ph.id`;

/** Reads households as they were (past-sql.ts): one, or every one a scope sees with a list's filters. */
@Injectable()
export class PastHouseholdsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async one(householdId: string, at: Date): Promise<PastRow | null> {
    const [row] = await rawQuery(this.dataSource.manager, `${pastHouseholdsSql(true)}${PAST_ROWS}`, {
      at,
      householdId,
    });
    return row ? toPastRow(row) : null;
  }

  /** These households at `at` (a drill-down page); those not yet registered are left out. */
  async many(householdIds: string[], at: Date): Promise<PastRow[]> {
    if (householdIds.length === 0) return [];
    const rows = await rawQuery(this.dataSource.manager, `${pastHouseholdsSql('many')}${PAST_ROWS}`, {
      at,
      householdIds,
    });
    return rows.map(toPastRow);
  }

  /** Every household in `scope` (as it is today) matching `filter` on what it was at `at`; not the light. */
  async all(scope: HouseholdScope, filter: HouseholdFilter, at: Date): Promise<PastRow[]> {
    const { sql: scopeSql, params } = householdScopeSql(scope, 'h');
    const where: string[] = [scopeSql];
    const p: Record<string, unknown> = { ...params, at };
    const equal = (column: string, name: string, value: unknown) => {
      if (value === undefined) return;
      where.push(`ph.${column} = :${name}`);
      p[name] = value;
    };
    equal('village_id', 'villageId', filter.villageId);
    equal('township_id', 'townshipId', filter.townshipId);
    equal('task_force_id', 'taskForceId', filter.taskForceId);
    equal('stage', 'stage', filter.stage);
    equal('intent_option', 'intent', filter.intent);
    equal('cadre_id', 'cadreId', filter.cadreId);
    equal('on_hold', 'onHold', filter.onHold);
    if (filter.flag) {
      where.push('ph.flags LIKE :flag');
      p.flag = `%,${filter.flag},%`;
    }
    // The day's records known by `at` (a visit synced from a phone later was not yet there).
    if (filter.visitedOn) {
      where.push(
        'h.id IN (SELECT v.household_id FROM visit v WHERE v.business_date = :visitedOn AND v.created_at <= :at)',
      );
      p.visitedOn = filter.visitedOn;
    }
    if (filter.advancedOn) {
      where.push(
        "h.id IN (SELECT e.household_id FROM stage_event e WHERE e.business_date = :advancedOn AND e.kind = 'advance' AND e.at <= :at)",
      );
      p.advancedOn = filter.advancedOn;
    }
    // Code, name and resident ID are not history: they match today's row, like the list without asOf.
    if (filter.idHash) {
      where.push(
        '(h.head_id_hash = :idHash OR h.id IN (SELECT m.household_id FROM household_member m WHERE m.id_hash = :idHash))',
      );
      p.idHash = filter.idHash;
    } else if (filter.text) {
      where.push('(lower(h.code) LIKE lower(:prefix) OR lower(h.head_name) LIKE lower(:prefix))');
      p.prefix = `${filter.text.replace(/[%_\\]/g, '')}%`;
    }
    const rows = await rawQuery(
      this.dataSource.manager,
      `${pastHouseholdsSql()}${PAST_ROWS} WHERE ${where.join(' AND ')}`,
      p,
    );
    return rows.map(toPastRow);
  }
}

const date = (value: unknown): Date | null => (value === null || value === undefined ? null : instant(value));

function toPastRow(r: Record<string, unknown>): PastRow {
  return {
    id: r.id as string,
    code: r.code as string,
    headName: r.head_name as string,
    createdAt: instant(r.created_at),
    villageId: r.village_id as string,
    townshipId: (r.township_id as string | null) ?? null,
    taskForceId: (r.task_force_id as string | null) ?? null,
    cadreId: (r.cadre_id as string | null) ?? null,
    flags: (r.flags as string) ?? '',
    // SQLite gives 0/1, PostgreSQL a boolean.
    onHold: r.on_hold === true || r.on_hold === 1 || r.on_hold === '1',
    holdReason: (r.hold_reason as string | null) ?? null,
    stage: r.stage as string,
    stageChangedAt: instant(r.stage_changed_at),
    intentOption: r.intent_option as string,
    intentSite: (r.intent_site as string | null) ?? null,
    intentLivelihood: (r.intent_livelihood as string | null) ?? null,
    intentRecordedAt: date(r.intent_recorded_at),
    lastVisitAt: date(r.last_visit_at),
    openProblems: num(r.open_problems),
    overdueProblems: num(r.overdue),
    openP1Problems: num(r.p1),
  };
}
