import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { num, rawQuery } from '../../database/raw-query';
import { STAGES } from '../households/household-stages';
import { SIGNED_STEP } from './bulletin-metrics';
import { ACTIVE_STATUSES_SQL } from '../problems/problem-states';

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

/*
 * The bulletin's definitions as SQL fragments (docs/metrics.md, 周通报), exported so its drill-down
 * (bulletin-cells.repository.ts) lists the households and problems behind a figure with the very same SQL.
 * Parameters: the BulletinWindow's and :signedStep (bulletinParams).
 */

export const STEP_OF = (column: string) =>
  `CASE ${column} ${STAGES.map((stage, index) => `WHEN '${stage}' THEN ${index}`).join(' ')} ELSE 0 END`;

/**
 * A household's stage step at an instant is its step now minus the steps of its stage events since (each event
 * moves it by step(to) − step(from)); a sum, so it aggregates per group without a row per household, reads only
 * the events since the week began, and is right for households imported at a later stage without events.
 * The upper bound on business_date only steers SQLite's planner to the date index.
 */
export const EVENTS_SINCE_WEEK_START = `(
  SELECT household_id, business_date,
         (${STEP_OF('to_stage')}) - (${STEP_OF('from_stage')}) AS delta,
         CASE WHEN (${STEP_OF('from_stage')}) < :signedStep AND (${STEP_OF('to_stage')}) >= :signedStep THEN 1
              WHEN (${STEP_OF('to_stage')}) < :signedStep AND (${STEP_OF('from_stage')}) >= :signedStep THEN -1
              ELSE 0 END AS signing
    FROM stage_event WHERE business_date >= :weekStart AND business_date <= '9999-12-31')`;

/**
 * Per group (GROUP BY) or per household (GROUP BY e.household_id) over EVENTS_SINCE_WEEK_START e: the steps to undo
 * for week start (back_start) and for week end (back_end), and the signings to undo for week end (unsigned_end).
 */
export const STEPS_BACK = `SUM(e.delta) AS back_start,
              SUM(CASE WHEN e.business_date > :lastDate THEN e.delta ELSE 0 END) AS back_end,
              SUM(CASE WHEN e.business_date > :lastDate THEN e.signing ELSE 0 END) AS unsigned_end`;

/** A household's step now, and whether it is signed now (agreement_signed or beyond). */
export const STEP_NOW = STEP_OF('h.stage');
export const SIGNED_NOW = `CASE WHEN ${STEP_NOW} >= :signedStep THEN 1 ELSE 0 END`;

/**
 * 1 if a household is overdue for a visit at week end: last visit (or registration) on or before the cutoff.
 * last_visit_at is the latest visit, so only a household visited after the week needs to look at its visits.
 */
export const OVERDUE_FOR_VISIT = `CASE WHEN h.created_at > :visitCutoff THEN 0
                       WHEN h.stage = 'closed' AND h.stage_changed_at < :weekEnd THEN 0
                       WHEN h.last_visit_at IS NULL OR h.last_visit_at <= :visitCutoff THEN 1
                       WHEN h.last_visit_at < :weekEnd THEN 0
                       WHEN EXISTS (SELECT 1 FROM visit v WHERE v.household_id = h.id
                                      AND v.visited_at > :visitCutoff AND v.visited_at < :weekEnd) THEN 0
                       ELSE 1 END`;

/**
 * A problem's status at week end: the from_status of its first event after it, else its status now. Every
 * change of a problem sets updated_at, so only problems changed since then need the look-up.
 */
export const STATUS_AT_END = `CASE WHEN p.updated_at < :weekEnd THEN p.status ELSE COALESCE(
    (SELECT e.from_status FROM problem_event e WHERE e.problem_id = p.id AND e.at >= :weekEnd ORDER BY e.id LIMIT 1),
    p.status) END`;

/**
 * A household's village, township, task force and cadre as they were at week end (its last household_history row
 * before then, docs/architecture.md "History"), so a household reassigned since counts for the cadre and unit
 * that had it that week, not for today's. Without a row before then (a raw insert), today's columns.
 */
export const AS_ASSIGNED = `LEFT JOIN household_history a ON a.id = (
    SELECT hh.id FROM household_history hh
     WHERE hh.household_id = h.id AND hh.at < :weekEnd ORDER BY hh.at DESC, hh.id DESC LIMIT 1)`;
export const ASSIGNED = (column: string) => `CASE WHEN a.id IS NULL THEN h.${column} ELSE a.${column} END`;
const KEY_COLUMNS = ['village_id', 'township_id', 'task_force_id', 'cadre_id'];
const KEYS = KEY_COLUMNS.map(ASSIGNED).join(', ');
export const KEYS_AS = KEY_COLUMNS.map((column) => `${ASSIGNED(column)} AS ${column}`).join(', ');

/** The households of the bulletin: registered before week end, with their assignment then (`a`). */
export const HOUSEHOLDS_AT_END = `household h ${AS_ASSIGNED} WHERE h.created_at < :weekEnd`;

/**
 * The problems of the bulletin, one row each (from it: x), with their groups at week end: village and township
 * the problem's own, task force and cadre its household's then, unit its unit. Only those closed in the week
 * or active at week end count (COUNTED_PROBLEM).
 */
export const PROBLEMS_AT_END = `
           SELECT p.id, p.household_id, p.village_id, p.township_id, ${ASSIGNED('task_force_id')} AS task_force_id,
                  ${ASSIGNED('cadre_id')} AS cadre_id, p.unit_id, p.opened_at,
                  p.due_at, p.closed_at,
                  CASE WHEN p.closed_date >= :weekStart AND p.closed_date <= :lastDate THEN 1 ELSE 0 END
                    AS closed_in_week,
                  CASE WHEN ${STATUS_AT_END} IN ${ACTIVE_STATUSES_SQL} THEN 1 ELSE 0 END AS active
             FROM problem p LEFT JOIN household h ON h.id = p.household_id ${AS_ASSIGNED}
            WHERE p.opened_at < :weekEnd`;
export const COUNTED_PROBLEM = 'closed_in_week = 1 OR active = 1';
/** Over a PROBLEMS_AT_END row: closed in the week by its deadline; active and past due at week end. */
export const CLOSED_ON_TIME = 'closed_in_week = 1 AND closed_at <= due_at';
export const OVERDUE_PROBLEM = 'active = 1 AND due_at < :weekEnd';

/**
 * 挂牌督办 at week end: supervised before it (no 'supervised' event after it) and not closed at it; one row per
 * problem, in the bulletin's order.
 */
export const SUPERVISED_AT_END = `SELECT * FROM (
         SELECT p.id, p.household_id, p.category, p.severity, p.description, ${STATUS_AT_END} AS status, p.unit_id,
                p.village_id, p.township_id, h.code, p.opened_at, p.due_at
           FROM problem p LEFT JOIN household h ON h.id = p.household_id
          WHERE p.supervised = :yes AND p.opened_at < :weekEnd
            AND NOT EXISTS (SELECT 1 FROM problem_event s
                             WHERE s.problem_id = p.id AND s.kind = 'supervised' AND s.at >= :weekEnd)) x
        WHERE status <> 'closed'
        ORDER BY due_at, id`;

/** The parameters every fragment above reads. */
export const bulletinParams = (window: BulletinWindow) => ({ ...window, signedStep: SIGNED_STEP, yes: true });

/**
 * A group's (or one household's) steps at week start and end and its signed households at week end: its figures
 * now (the household query) less what the events since undo (STEPS_BACK).
 */
export function atWeekEnd(now: Record<string, unknown>, back: Record<string, unknown>) {
  return {
    stepsStart: num(now.steps_now) - num(back.back_start),
    stepsEnd: num(now.steps_now) - num(back.back_end),
    signed: num(now.signed_now) - num(back.unsigned_end),
  };
}

/** SQLite gives instants back as UTC text, PostgreSQL as Dates. */
export function toInstant(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value;
  const text = String(value);
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text : `${text.replace(' ', 'T')}Z`);
}

/** The weekly bulletin's set-based SQL: four GROUP BY queries and the supervised list, none per row. */
@Injectable()
export class BulletinsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async facts(window: BulletinWindow): Promise<BulletinFacts> {
    const m = this.dataSource.manager;
    const params = bulletinParams(window);
    const households = await rawQuery(
      m,
      `SELECT ${KEYS_AS}, count(*) AS n, SUM(${STEP_NOW}) AS steps_now, SUM(${SIGNED_NOW}) AS signed_now,
              SUM(${OVERDUE_FOR_VISIT}) AS overdue_visits
         FROM ${HOUSEHOLDS_AT_END}
        GROUP BY ${KEYS}`,
      params,
    );
    const moves = await rawQuery(
      m,
      `SELECT ${KEYS_AS}, ${STEPS_BACK}
         FROM ${EVENTS_SINCE_WEEK_START} e JOIN household h ON h.id = e.household_id ${AS_ASSIGNED}
        WHERE h.created_at < :weekEnd
        GROUP BY ${KEYS}`,
      params,
    );
    const problems = await rawQuery(
      m,
      `SELECT village_id, township_id, task_force_id, cadre_id, unit_id,
              SUM(closed_in_week) AS closed,
              SUM(CASE WHEN ${CLOSED_ON_TIME} THEN 1 ELSE 0 END) AS on_time,
              SUM(CASE WHEN ${OVERDUE_PROBLEM} THEN 1 ELSE 0 END) AS overdue,
              SUM(active) AS active,
              SUM(CASE WHEN active = 1 AND unit_id IS NOT NULL AND COALESCE(
                    (SELECT MAX(e.at) FROM problem_event e
                      WHERE e.problem_id = x.id AND e.kind = 'assign' AND e.at < :weekEnd),
                    opened_at) < :stallFrom THEN 1 ELSE 0 END) AS stale
         FROM (${PROBLEMS_AT_END}) x
        WHERE ${COUNTED_PROBLEM}
        GROUP BY village_id, township_id, task_force_id, cadre_id, unit_id`,
      params,
    );
    // Progress of a unit: anything its own staff did on a problem, or any of its problems resolved or closed.
    const progress = await rawQuery(
      m,
      `SELECT unit_id, MAX(last_at) AS last_at, SUM(in_window) AS in_window
         FROM (
           SELECT u.org_unit_id AS unit_id, a.last_at, a.in_window
             FROM (SELECT actor_id, MAX(at) AS last_at,
                          SUM(CASE WHEN at >= :stallFrom THEN 1 ELSE 0 END) AS in_window
                     FROM problem_event WHERE at < :weekEnd GROUP BY actor_id) a
             JOIN app_user u ON CAST(u.id AS VARCHAR(36)) = a.actor_id
            WHERE u.org_unit_id IS NOT NULL
           UNION ALL
           SELECT p.unit_id, MAX(e.at), SUM(CASE WHEN e.at >= :stallFrom THEN 1 ELSE 0 END)
             FROM problem_event e JOIN problem p ON p.id = e.problem_id
            WHERE p.unit_id IS NOT NULL AND e.kind IN ('resolve', 'satisfied') AND e.at < :weekEnd
            GROUP BY p.unit_id) x
        GROUP BY unit_id`,
      params,
    );
    const supervised = await rawQuery(m, SUPERVISED_AT_END, params);
    const id = (value: unknown) => (value === null || value === undefined ? null : String(value));
    const cellKey = (r: Record<string, unknown>) =>
      [r.village_id, r.township_id, r.task_force_id, r.cadre_id].map((v) => v ?? '').join('|');
    const backwards = new Map(moves.map((r) => [cellKey(r), r]));
    return {
      households: households.map((r) => ({
        villageId: id(r.village_id),
        townshipId: id(r.township_id),
        taskForceId: id(r.task_force_id),
        cadreId: id(r.cadre_id),
        households: num(r.n),
        ...atWeekEnd(r, backwards.get(cellKey(r)) ?? {}),
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
}
