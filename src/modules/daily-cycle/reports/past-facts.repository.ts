import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { instant, num, rawQuery } from '../../../database/raw-query';
import { pastHouseholdsSql } from '../../history/past-sql';
import { ACTIVE_STATUSES_SQL } from '../../problems/problem-states';
import { FactRows, ReportWindow } from './daily-report.repository';

/** A household at the report's instant: the columns the report groups and counts by. */
export interface PastHousehold {
  id: string;
  /** today's code (codes have no past): the drill-down lists households in code order */
  code: string;
  villageId: string | null;
  taskForceId: string | null;
  cadreId: string | null;
  stage: string;
  lastVisitAt: Date | null;
  priority: boolean;
}

/** Everything a past day's report is computed from, as rows per household (drill-down reads these too). */
export interface PastDay {
  households: Map<string, PastHousehold>;
  /** one per visit of the date recorded by the instant */
  visits: { id: string; householdId: string }[];
  moves: { id: string; householdId: string; toStage: string; kind: string }[];
  /** one per intent record of the date */
  intents: { id: string; householdId: string }[];
  problems: {
    id: string;
    householdId: string | null;
    villageId: string | null;
    overdue: boolean;
    opened: boolean;
    closed: boolean;
  }[];
  /** the approval requests waiting at the instant */
  pendingApprovals: { id: string; householdId: string }[];
}

/**
 * The daily report's facts at a past instant, rebuilt from the events (docs/architecture.md, "History"): the
 * households as they were (history/past-sql.ts), then the day's visits, moves, intents and problems known by then,
 * grouped here rather than in SQL so the households' past is computed once.
 */
@Injectable()
export class PastFactsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The report's rows at a past instant in one statement: the households' past is computed once (materialized)
   * and every GROUP BY of the day's report reads it, as today's report reads the household table; only the
   * grouped rows leave the database. The day's records (visits, stage events, intent records, the problems that
   * count) are gathered first and joined to the households' past once: joined one kind at a time, SQLite built an
   * index over the 100,000 past households for each kind, five times (bench/README §12). The same figures as
   * `pastFactRows(day())`, which keeps a row per household for the drill-down.
   */
  async rows(window: ReportWindow, at: Date): Promise<FactRows> {
    const m = this.dataSource.manager;
    const p = { date: window.date, dayEnd: window.dayEnd, cutoff: window.visitCutoff, at, held: true };
    const overdue = `pp.status IN ${ACTIVE_STATUSES_SQL} AND pp.due_at < :dayEnd`;
    const opened = 'pp.opened_date = :date';
    const closed = 'pp.closed_date = :date AND pp.closed_at <= :at';
    const rows = await rawQuery(
      m,
      `${pastHouseholdsSql()}, day_record AS MATERIALIZED (
         -- The problems first: their village column types the others' NULLs on PostgreSQL (uuid, not text).
         -- a: overdue at the day's end; b: opened that day (1) plus closed that day (2)
         SELECT 'problem' AS t, pp.household_id, pp.village_id, NULL AS stage, NULL AS kind,
                CASE WHEN ${overdue} THEN 1 ELSE 0 END AS a,
                CASE WHEN ${opened} THEN 1 ELSE 0 END + CASE WHEN ${closed} THEN 2 ELSE 0 END AS b
           FROM past_problem pp
          WHERE (${overdue}) OR ${opened} OR (${closed})
         UNION ALL
         SELECT 'visit', household_id, NULL, NULL, NULL, 0, 0
           FROM visit WHERE business_date = :date AND created_at <= :at
         UNION ALL
         SELECT 'move', household_id, NULL, to_stage, kind, 0, 0
           FROM stage_event WHERE business_date = :date AND at <= :at
         UNION ALL
         SELECT 'intent', household_id, NULL, NULL, NULL, 0, 0
           FROM intent_record WHERE business_date = :date AND recorded_at <= :at
       ), day_placed AS MATERIALIZED (
         SELECT d.t, d.household_id, d.stage, d.kind, d.a, d.b,
                ph.village_id, ph.task_force_id, ph.cadre_id,
                COALESCE(ph.village_id, d.village_id) AS problem_village_id,
                CASE WHEN ph.flags <> '' OR ph.on_hold = :held THEN 1 ELSE 0 END AS priority
           FROM day_record d LEFT JOIN past_household ph ON ph.id = d.household_id
       )
       SELECT 'households' AS t, village_id, task_force_id, cadre_id, stage, NULL AS kind, count(*) AS n,
              SUM(CASE WHEN last_visit_at IS NULL OR last_visit_at < :cutoff THEN 1 ELSE 0 END) AS a, 0 AS b
         FROM past_household GROUP BY village_id, task_force_id, cadre_id, stage
       UNION ALL
       SELECT 'visits', village_id, task_force_id, cadre_id, NULL, NULL, count(*), count(DISTINCT household_id), 0
         FROM day_placed WHERE t = 'visit'
        GROUP BY village_id, task_force_id, cadre_id
       UNION ALL
       SELECT 'moves', village_id, task_force_id, NULL, stage, kind, count(*), 0, 0
         FROM day_placed WHERE t = 'move'
        GROUP BY village_id, task_force_id, stage, kind
       UNION ALL
       SELECT 'intents', village_id, task_force_id, NULL, NULL, NULL, count(*), 0, 0
         FROM day_placed WHERE t = 'intent'
        GROUP BY village_id, task_force_id
       UNION ALL
       SELECT 'overdue', problem_village_id, task_force_id, NULL, NULL, NULL, count(*), 0, 0
         FROM day_placed WHERE t = 'problem' AND a = 1
        GROUP BY problem_village_id, task_force_id
       UNION ALL
       SELECT 'today', problem_village_id, task_force_id, NULL, NULL, NULL, 0,
              SUM(CASE WHEN b = 1 OR b = 3 THEN 1 ELSE 0 END), SUM(CASE WHEN b >= 2 THEN 1 ELSE 0 END)
         FROM day_placed WHERE t = 'problem' AND b > 0
        GROUP BY problem_village_id, task_force_id
       UNION ALL
       SELECT 'priority', NULL, NULL, NULL, NULL, NULL, count(DISTINCT household_id), 0, 0
         FROM day_placed WHERE priority = 1 AND t IN ('visit', 'move', 'intent')`,
      p,
    );
    const of = (t: string) => rows.filter((r) => r.t === t);
    const place = (r: Record<string, unknown>) => ({
      village_id: r.village_id,
      task_force_id: r.task_force_id,
    });
    const [pending] = await rawQuery(
      m,
      `SELECT count(*) AS n FROM approval WHERE requested_at <= :at AND (decided_at IS NULL OR decided_at > :at)`,
      p,
    );
    return {
      households: of('households').map((r) => ({
        ...place(r),
        cadre_id: r.cadre_id,
        stage: r.stage,
        n: r.n,
        overdue: r.a,
      })),
      visits: of('visits').map((r) => ({ ...place(r), cadre_id: r.cadre_id, visits: r.n, visited: r.a })),
      moves: of('moves').map((r) => ({ ...place(r), to_stage: r.stage, kind: r.kind, n: r.n })),
      intents: of('intents').map((r) => ({ ...place(r), n: r.n })),
      overdueProblems: of('overdue').map((r) => ({ ...place(r), overdue: r.n })),
      problemsToday: of('today').map((r) => ({ ...place(r), opened: r.a, closed: r.b })),
      approvalsPending: num(pending.n),
      priorityHouseholdsTouched: num(of('priority')[0]?.n),
    };
  }

  async day(window: ReportWindow, at: Date): Promise<PastDay> {
    const m = this.dataSource.manager;
    const p = { date: window.date, dayEnd: window.dayEnd, at };
    const households = new Map<string, PastHousehold>();
    // A few hundred villages, task forces, cadres and stages over 100,000 rows: one string each, not one per row.
    const strings = new Map<string, string>();
    const one = (value: unknown): string | null => {
      if (value === null || value === undefined) return null;
      const text = value as string;
      const kept = strings.get(text);
      if (kept !== undefined) return kept;
      strings.set(text, text);
      return text;
    };
    for (const r of await rawQuery(
      m,
      `${pastHouseholdsSql()}
       SELECT id, code, village_id, task_force_id, cadre_id, stage, last_visit_at, flags, on_hold FROM past_household`,
      p,
    )) {
      households.set(r.id as string, {
        id: r.id as string,
        code: r.code as string,
        villageId: one(r.village_id),
        taskForceId: one(r.task_force_id),
        cadreId: one(r.cadre_id),
        stage: one(r.stage)!,
        lastVisitAt:
          r.last_visit_at === null || r.last_visit_at === undefined ? null : instant(r.last_visit_at),
        priority: (r.flags ?? '') !== '' || r.on_hold === true || r.on_hold === 1 || r.on_hold === '1',
      });
    }
    const ids = (rows: Record<string, unknown>[]) =>
      rows.map((r) => ({ id: String(r.id), householdId: r.household_id as string }));
    const visits = ids(
      await rawQuery(
        m,
        `SELECT id, household_id FROM visit WHERE business_date = :date AND created_at <= :at`,
        p,
      ),
    );
    const moves = (
      await rawQuery(
        m,
        `SELECT id, household_id, to_stage, kind FROM stage_event WHERE business_date = :date AND at <= :at`,
        p,
      )
    ).map((r) => ({
      id: String(r.id),
      householdId: r.household_id as string,
      toStage: r.to_stage as string,
      kind: r.kind as string,
    }));
    const intents = ids(
      await rawQuery(
        m,
        `SELECT id, household_id FROM intent_record WHERE business_date = :date AND recorded_at <= :at`,
        p,
      ),
    );
    const problems = (
      await rawQuery(
        m,
        `${pastHouseholdsSql()}
         SELECT id, household_id, village_id,
                CASE WHEN status IN ${ACTIVE_STATUSES_SQL} AND due_at < :dayEnd THEN 1 ELSE 0 END AS overdue,
                CASE WHEN opened_date = :date THEN 1 ELSE 0 END AS opened,
                CASE WHEN closed_date = :date AND closed_at <= :at THEN 1 ELSE 0 END AS closed
           FROM past_problem
          WHERE (status IN ${ACTIVE_STATUSES_SQL} AND due_at < :dayEnd) OR opened_date = :date
             OR (closed_date = :date AND closed_at <= :at)`,
        p,
      )
    ).map((r) => ({
      id: r.id as string,
      householdId: (r.household_id as string | null) ?? null,
      villageId: (r.village_id as string | null) ?? null,
      overdue: num(r.overdue) === 1,
      opened: num(r.opened) === 1,
      closed: num(r.closed) === 1,
    }));
    const pendingApprovals = ids(
      await rawQuery(
        m,
        `SELECT id, household_id FROM approval WHERE requested_at <= :at AND (decided_at IS NULL OR decided_at > :at)`,
        p,
      ),
    );
    return { households, visits, moves, intents, problems, pendingApprovals };
  }
}

/** The report's rows (FactRows) from a past day, grouped as the SQL of today's report groups them. */
export function pastFactRows(day: PastDay, window: ReportWindow): FactRows {
  const groups = new Map<string, Record<string, unknown>>();
  const group = (table: string, key: Record<string, unknown>, init: Record<string, unknown>) => {
    const id = `${table}|${Object.values(key).join('|')}`;
    let row = groups.get(id);
    if (!row) groups.set(id, (row = { ...key, ...init, __table: table }));
    return row as Record<string, any>;
  };
  const where = (h: PastHousehold | undefined) => ({
    village_id: h?.villageId ?? null,
    task_force_id: h?.taskForceId ?? null,
  });
  for (const h of day.households.values()) {
    const row = group(
      'households',
      { ...where(h), cadre_id: h.cadreId, stage: h.stage },
      { n: 0, overdue: 0 },
    );
    row.n += 1;
    if (h.lastVisitAt === null || h.lastVisitAt < window.visitCutoff) row.overdue += 1;
  }
  const visited = new Map<string, Set<string>>();
  for (const { householdId } of day.visits) {
    const h = day.households.get(householdId);
    const key = { ...where(h), cadre_id: h?.cadreId ?? null };
    const row = group('visits', key, { visits: 0, visited: 0 });
    row.visits += 1;
    const id = Object.values(key).join('|');
    if (!visited.has(id)) visited.set(id, new Set());
    const seen = visited.get(id)!;
    if (!seen.has(householdId)) {
      seen.add(householdId);
      row.visited += 1;
    }
  }
  for (const move of day.moves)
    group(
      'moves',
      { ...where(day.households.get(move.householdId)), to_stage: move.toStage, kind: move.kind },
      { n: 0 },
    ).n++;
  for (const { householdId } of day.intents)
    group('intents', where(day.households.get(householdId)), { n: 0 }).n++;
  for (const problem of day.problems) {
    const h = problem.householdId ? day.households.get(problem.householdId) : undefined;
    const key = { village_id: h?.villageId ?? problem.villageId, task_force_id: h?.taskForceId ?? null };
    if (problem.overdue) group('overdueProblems', key, { overdue: 0 }).overdue++;
    if (problem.opened || problem.closed) {
      const row = group('problemsToday', key, { opened: 0, closed: 0 });
      if (problem.opened) row.opened++;
      if (problem.closed) row.closed++;
    }
  }
  const touched = touchedHouseholds(day);
  const rowsOf = (table: string) =>
    [...groups.values()].filter((row) => row.__table === table).map(({ __table, ...row }) => row);
  return {
    households: rowsOf('households'),
    visits: rowsOf('visits'),
    moves: rowsOf('moves'),
    intents: rowsOf('intents'),
    overdueProblems: rowsOf('overdueProblems'),
    problemsToday: rowsOf('problemsToday'),
    approvalsPending: day.pendingApprovals.length,
    priorityHouseholdsTouched: [...touched].filter((id) => day.households.get(id)?.priority).length,
  };
}

/** The households with a visit, a stage event or an intent record that day (priorityHouseholdsTouched). */
export function touchedHouseholds(day: PastDay): Set<string> {
  return new Set([...day.visits, ...day.moves, ...day.intents].map((thing) => thing.householdId));
}
