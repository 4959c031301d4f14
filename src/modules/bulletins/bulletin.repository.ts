import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { num, rawQuery } from '../../database/raw-query';
import { STAGES } from '../stages/stages';
import { SIGNED_STEP } from './bulletin-metrics';

export interface BulletinWindow {
  /** Monday, YYYY-MM-DD. */
  weekStart: string;
  /** Sunday, the week's last business date. */
  lastDate: string;
  /** The instant the week ends (next Monday 00:00 in Asia/Shanghai). */
  weekEnd: Date;
  /** Households not visited after this instant (and registered before it) are overdue for a visit at week end. */
  visitCutoff: Date;
  /** The start of the last STALL_WEEKS weeks: a unit without progress since then is stalled. */
  stallFrom: Date;
}

/** A (village, township, task force, cadre) cell of the household query. */
export interface HouseholdCell {
  villageId: string | null;
  townshipId: string | null;
  taskForceId: string | null;
  cadreId: string | null;
  households: number;
  stepsStart: number;
  stepsEnd: number;
  signed: number;
  overdueVisits: number;
}

/** A (village, township, task force, cadre, unit) cell of the problem query. */
export interface ProblemCell {
  villageId: string | null;
  townshipId: string | null;
  taskForceId: string | null;
  cadreId: string | null;
  unitId: string | null;
  closed: number;
  closedOnTime: number;
  overdue: number;
  active: number;
  /** Active at week end and with the unit since before the stall window began. */
  activeSinceBeforeStall: number;
}

export interface UnitProgress {
  unitId: string;
  lastProgressAt: Date | null;
  inWindow: number;
}

export interface SupervisedRow {
  id: string;
  category: string;
  severity: string;
  description: string;
  status: string;
  unitId: string | null;
  villageId: string | null;
  townshipId: string | null;
  householdCode: string | null;
  openedAt: Date;
  dueAt: Date;
}

export interface BulletinFacts {
  households: HouseholdCell[];
  problems: ProblemCell[];
  unitProgress: UnitProgress[];
  supervised: SupervisedRow[];
}

const ACTIVE = "('open', 'assigned', 'reopened')";
const STEP_OF = (column: string) =>
  `CASE ${column} ${STAGES.map((stage, index) => `WHEN '${stage}' THEN ${index}`).join(' ')} ELSE 0 END`;

/**
 * A household's stage at an instant is the from_stage of its first stage event after that instant, else its
 * stage now: only the (few) events since the week began are read, and households that never had an event
 * (imported at a later stage) keep their stage. Moves within one instant are taken lowest stage first.
 */
const FIRST_STAGE_CHANGE = (name: string, condition: string) => `${name} AS (
  SELECT household_id, from_stage FROM (
    SELECT household_id, from_stage,
           ROW_NUMBER() OVER (PARTITION BY household_id ORDER BY at, ${STEP_OF('from_stage')}, id) AS rn
      FROM stage_event WHERE ${condition}) ranked
   WHERE rn = 1)`;

/** A problem's status at week end: the from_status of its first event after it, else its status now. */
const FIRST_PROBLEM_EVENT_AFTER = `after_end AS (
  SELECT problem_id, from_status FROM (
    SELECT problem_id, from_status, ROW_NUMBER() OVER (PARTITION BY problem_id ORDER BY id) AS rn
      FROM problem_event WHERE at >= :weekEnd) ranked
   WHERE rn = 1)`;
const STATUS_AT_END = 'COALESCE(a.from_status, p.status)';

/** SQLite gives instants back as UTC text, PostgreSQL as Dates. */
export function toInstant(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value;
  const text = String(value);
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text : `${text.replace(' ', 'T')}Z`);
}

/** The weekly bulletin's set-based SQL: four GROUP BY queries and the supervised list, none per row. */
@Injectable()
export class BulletinRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async facts(window: BulletinWindow): Promise<BulletinFacts> {
    const m = this.dataSource.manager;
    const households = await rawQuery(
      m,
      `WITH ${FIRST_STAGE_CHANGE('change_start', 'business_date >= :weekStart')},
            ${FIRST_STAGE_CHANGE('change_end', 'business_date > :lastDate')}
       SELECT village_id, township_id, task_force_id, cadre_id, count(*) AS n,
              SUM(step_start) AS steps_start, SUM(step_end) AS steps_end,
              SUM(CASE WHEN step_end >= :signedStep THEN 1 ELSE 0 END) AS signed,
              SUM(overdue_visit) AS overdue_visits
         FROM (
           SELECT h.village_id, h.township_id, h.task_force_id, h.cadre_id,
                  ${STEP_OF('COALESCE(cs.from_stage, h.stage)')} AS step_start,
                  ${STEP_OF('COALESCE(ce.from_stage, h.stage)')} AS step_end,
                  CASE WHEN COALESCE(ce.from_stage, h.stage) <> 'closed' AND h.created_at <= :visitCutoff
                        AND NOT EXISTS (SELECT 1 FROM visit v WHERE v.household_id = h.id
                                          AND v.visited_at > :visitCutoff AND v.visited_at < :weekEnd)
                       THEN 1 ELSE 0 END AS overdue_visit
             FROM household h
             LEFT JOIN change_start cs ON cs.household_id = h.id
             LEFT JOIN change_end ce ON ce.household_id = h.id
            WHERE h.created_at < :weekEnd) x
        GROUP BY village_id, township_id, task_force_id, cadre_id`,
      { ...window, signedStep: SIGNED_STEP },
    );
    const closedInWeek = 'p.closed_date >= :weekStart AND p.closed_date <= :lastDate';
    const activeAtEnd = `p.opened_at < :weekEnd AND ${STATUS_AT_END} IN ${ACTIVE}`;
    const problems = await rawQuery(
      m,
      `WITH ${FIRST_PROBLEM_EVENT_AFTER}
       SELECT p.village_id, p.township_id, h.task_force_id, h.cadre_id, p.unit_id,
              SUM(CASE WHEN ${closedInWeek} THEN 1 ELSE 0 END) AS closed,
              SUM(CASE WHEN ${closedInWeek} AND p.closed_at <= p.due_at THEN 1 ELSE 0 END) AS on_time,
              SUM(CASE WHEN ${activeAtEnd} AND p.due_at < :weekEnd THEN 1 ELSE 0 END) AS overdue,
              SUM(CASE WHEN ${activeAtEnd} THEN 1 ELSE 0 END) AS active,
              SUM(CASE WHEN ${activeAtEnd} AND COALESCE(
                    (SELECT MAX(e.at) FROM problem_event e
                      WHERE e.problem_id = p.id AND e.kind = 'assign' AND e.at < :weekEnd),
                    p.opened_at) < :stallFrom THEN 1 ELSE 0 END) AS stale
         FROM problem p
         LEFT JOIN household h ON h.id = p.household_id
         LEFT JOIN after_end a ON a.problem_id = p.id
        WHERE (${closedInWeek}) OR (${activeAtEnd})
        GROUP BY p.village_id, p.township_id, h.task_force_id, h.cadre_id, p.unit_id`,
      { ...window },
    );
    // Progress of a unit: anything its own staff did on a problem, or any of its problems resolved or closed.
    const progress = await rawQuery(
      m,
      `SELECT unit_id, MAX(at) AS last_at, SUM(CASE WHEN at >= :stallFrom THEN 1 ELSE 0 END) AS in_window
         FROM (
           SELECT u.org_unit_id AS unit_id, e.at FROM problem_event e
             JOIN app_user u ON CAST(u.id AS VARCHAR(36)) = e.actor_id
            WHERE u.org_unit_id IS NOT NULL AND e.at < :weekEnd
           UNION ALL
           SELECT p.unit_id, e.at FROM problem_event e JOIN problem p ON p.id = e.problem_id
            WHERE p.unit_id IS NOT NULL AND e.kind IN ('resolve', 'satisfied') AND e.at < :weekEnd) x
        GROUP BY unit_id`,
      { ...window },
    );
    const supervised = await rawQuery(
      m,
      `WITH ${FIRST_PROBLEM_EVENT_AFTER}
       SELECT p.id, p.category, p.severity, p.description, ${STATUS_AT_END} AS status, p.unit_id,
              p.village_id, p.township_id, h.code, p.opened_at, p.due_at
         FROM problem p
         LEFT JOIN household h ON h.id = p.household_id
         LEFT JOIN after_end a ON a.problem_id = p.id
        WHERE p.supervised = :yes AND p.opened_at < :weekEnd AND ${STATUS_AT_END} <> 'closed'
          AND NOT EXISTS (SELECT 1 FROM problem_event s
                           WHERE s.problem_id = p.id AND s.kind = 'supervised' AND s.at >= :weekEnd)
        ORDER BY p.due_at, p.id`,
      { ...window, yes: true },
    );
    const id = (value: unknown) => (value === null || value === undefined ? null : String(value));
    return {
      households: households.map((r) => ({
        villageId: id(r.village_id),
        townshipId: id(r.township_id),
        taskForceId: id(r.task_force_id),
        cadreId: id(r.cadre_id),
        households: num(r.n),
        stepsStart: num(r.steps_start),
        stepsEnd: num(r.steps_end),
        signed: num(r.signed),
        overdueVisits: num(r.overdue_visits),
      })),
      problems: problems.map((r) => ({
        villageId: id(r.village_id),
        townshipId: id(r.township_id),
        taskForceId: id(r.task_force_id),
        cadreId: id(r.cadre_id),
        unitId: id(r.unit_id),
        closed: num(r.closed),
        closedOnTime: num(r.on_time),
        overdue: num(r.overdue),
        active: num(r.active),
        activeSinceBeforeStall: num(r.stale),
      })),
      unitProgress: progress.map((r) => ({
        unitId: String(r.unit_id),
        lastProgressAt: toInstant(r.last_at),
        inWindow: num(r.in_window),
      })),
      supervised: supervised.map((r) => ({
        id: String(r.id),
        category: String(r.category),
        severity: String(r.severity),
        description: String(r.description),
        status: String(r.status),
        unitId: id(r.unit_id),
        villageId: id(r.village_id),
        townshipId: id(r.township_id),
        householdCode: id(r.code),
        openedAt: toInstant(r.opened_at)!,
        dueAt: toInstant(r.due_at)!,
      })),
    };
  }

  async find(weekStart: string): Promise<{ body: string } | null> {
    const [row] = await rawQuery<{ body: string }>(
      this.dataSource.manager,
      'SELECT body FROM weekly_bulletin WHERE week_start = :weekStart',
      { weekStart },
    );
    return row ?? null;
  }

  /** Insert only: a second insert for the week fails on the primary key, so a stored bulletin never changes. */
  async insert(row: { weekStart: string; generatedAt: Date; body: string; bodyHash: string }): Promise<void> {
    await rawQuery(
      this.dataSource.manager,
      `INSERT INTO weekly_bulletin (week_start, generated_at, body, body_hash)
       VALUES (:weekStart, :generatedAt, :body, :bodyHash)`,
      row,
    );
  }
}
