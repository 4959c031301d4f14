import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { num, rawQuery } from '../../../database/raw-query';
import { Cell, Figures } from './report-builder';
import { ACTIVE_STATUSES_SQL } from '../../problems/problem-states';

export interface ReportWindow {
  date: string;
  /** The instant the business date ends (next midnight in Asia/Shanghai). */
  dayEnd: Date;
  /** Households not visited since this instant are overdue for a visit. */
  visitCutoff: Date;
}

export interface CadreFacts {
  cadreId: string;
  assigned: number;
  overdueVisits: number;
  visitedToday: number;
}

export interface ReportFacts {
  cells: Cell[];
  cadres: CadreFacts[];
  movesToday: Map<string, number>;
  approvalsPending: number;
  priorityHouseholdsTouched: number;
}

/** The daily report's set-based SQL: a handful of GROUP BY queries, none per household. */
@Injectable()
export class DailyReportRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The cadres with households in a township or village: whose rows its officials may read. */
  async cadresIn(orgUnitId: string): Promise<string[]> {
    const rows = await rawQuery<{ cadre_id: string }>(
      this.dataSource.manager,
      `SELECT DISTINCT cadre_id FROM household
        WHERE (township_id = :org OR village_id = :org) AND cadre_id IS NOT NULL`,
      { org: orgUnitId },
    );
    return rows.map((row) => row.cadre_id);
  }

  async facts(window: ReportWindow): Promise<ReportFacts> {
    return foldFacts(await this.rows(window));
  }

  /** The rows of the report's queries over today's tables (`foldFacts` turns them into the facts). */
  private async rows(window: ReportWindow): Promise<FactRows> {
    const m = this.dataSource.manager;
    const p = { date: window.date, dayEnd: window.dayEnd, cutoff: window.visitCutoff };
    // One pass over households: stage counts by village and task force, and the cadres' load.
    const households = await rawQuery(
      m,
      `SELECT village_id, task_force_id, cadre_id, stage, count(*) AS n,
              SUM(CASE WHEN last_visit_at IS NULL OR last_visit_at < :cutoff THEN 1 ELSE 0 END) AS overdue
         FROM household GROUP BY village_id, task_force_id, cadre_id, stage`,
      p,
    );
    const visits = await rawQuery(
      m,
      `SELECT h.village_id, h.task_force_id, h.cadre_id, count(*) AS visits, count(DISTINCT v.household_id) AS visited
         FROM visit v JOIN household h ON h.id = v.household_id
        WHERE v.business_date = :date GROUP BY h.village_id, h.task_force_id, h.cadre_id`,
      p,
    );
    const moves = await rawQuery(
      m,
      `SELECT h.village_id, h.task_force_id, e.to_stage, e.kind, count(*) AS n
         FROM stage_event e JOIN household h ON h.id = e.household_id
        WHERE e.business_date = :date GROUP BY h.village_id, h.task_force_id, e.to_stage, e.kind`,
      p,
    );
    const intents = await rawQuery(
      m,
      `SELECT h.village_id, h.task_force_id, count(*) AS n
         FROM intent_record i JOIN household h ON h.id = i.household_id
        WHERE i.business_date = :date GROUP BY h.village_id, h.task_force_id`,
      p,
    );
    // Problems overdue at the end of the day (index-only on ix_problem_status_due_place), then those opened or
    // closed that day: two statements, each on its own index, rather than one OR over three indexes that
    // reads every matching problem row.
    const overdueProblems = await rawQuery(
      m,
      `SELECT p.village_id, h.task_force_id, count(*) AS overdue
         FROM problem p LEFT JOIN household h ON h.id = p.household_id
        WHERE p.status IN ${ACTIVE_STATUSES_SQL} AND p.due_at < :dayEnd
        GROUP BY p.village_id, h.task_force_id`,
      p,
    );
    const problemsToday = await rawQuery(
      m,
      `SELECT p.village_id, h.task_force_id,
              SUM(CASE WHEN p.opened_date = :date THEN 1 ELSE 0 END) AS opened,
              SUM(CASE WHEN p.closed_date = :date THEN 1 ELSE 0 END) AS closed
         FROM problem p LEFT JOIN household h ON h.id = p.household_id
        WHERE p.opened_date = :date OR p.closed_date = :date
        GROUP BY p.village_id, h.task_force_id`,
      p,
    );
    const [pending] = await rawQuery(m, `SELECT count(*) AS n FROM approval WHERE status = 'pending'`);
    const [priority] = await rawQuery(
      m,
      `SELECT count(*) AS n FROM household h
        WHERE (h.flags <> '' OR h.on_hold = :held) AND h.id IN (
          SELECT household_id FROM visit WHERE business_date = :date
          UNION SELECT household_id FROM stage_event WHERE business_date = :date
          UNION SELECT household_id FROM intent_record WHERE business_date = :date)`,
      { ...p, held: true },
    );
    return {
      households,
      visits,
      moves,
      intents,
      overdueProblems,
      problemsToday,
      approvalsPending: num(pending.n),
      priorityHouseholdsTouched: num(priority.n),
    };
  }
}

type Row = Record<string, unknown>;

/**
 * What the report's queries return, before folding: by (village, task force[, cadre][, stage]); the same shape
 * comes from today's tables (DailyReportRepository) and from the events at a past instant (PastFactsRepository).
 */
export interface FactRows {
  /** village_id, task_force_id, cadre_id, stage, n, overdue (not visited since the cut-off) */
  households: Row[];
  /** village_id, task_force_id, cadre_id, visits, visited (distinct households) */
  visits: Row[];
  /** village_id, task_force_id, to_stage, kind, n */
  moves: Row[];
  /** village_id, task_force_id, n */
  intents: Row[];
  /** village_id, task_force_id, overdue */
  overdueProblems: Row[];
  /** village_id, task_force_id, opened, closed */
  problemsToday: Row[];
  approvalsPending: number;
  priorityHouseholdsTouched: number;
}

/** Folds the rows into the report's facts (pure). */
export function foldFacts(rows: FactRows): ReportFacts {
  const { households, visits, moves, intents, overdueProblems, problemsToday } = rows;
  // Every figure is a sum, and the breakdowns need no finer grain than (village, task force[, stage]): fold
  // the rows to that here (the ~4,800 (village, task force, cadre, stage) rows become ~500 cells).
  const folded = new Map<string, Cell>();
  const add = (row: Record<string, unknown>, stage: string | undefined, figures: Partial<Figures>) => {
    const villageId = (row.village_id as string) ?? null;
    const taskForceId = (row.task_force_id as string) ?? null;
    const key = `${villageId}|${taskForceId}|${stage ?? ''}`;
    let cell = folded.get(key);
    if (!cell)
      folded.set(key, (cell = stage ? { villageId, taskForceId, stage } : { villageId, taskForceId }));
    for (const name of Object.keys(figures) as (keyof Figures)[])
      cell[name] = (cell[name] ?? 0) + figures[name]!;
  };
  for (const r of households) add(r, r.stage as string, { households: num(r.n) });
  for (const r of visits) add(r, undefined, { visits: num(r.visits), householdsVisited: num(r.visited) });
  for (const r of moves) add(r, undefined, { stageMoves: num(r.n) });
  for (const r of intents) add(r, undefined, { intentChanges: num(r.n) });
  for (const r of overdueProblems) add(r, undefined, { problemsOverdue: num(r.overdue) });
  for (const r of problemsToday) {
    add(r, undefined, { problemsOpened: num(r.opened), problemsClosed: num(r.closed) });
  }
  const cells = [...folded.values()];
  const cadres = new Map<string, CadreFacts>();
  const cadre = (id: string) => {
    let facts = cadres.get(id);
    if (!facts) cadres.set(id, (facts = { cadreId: id, assigned: 0, overdueVisits: 0, visitedToday: 0 }));
    return facts;
  };
  for (const r of households) {
    if (!r.cadre_id) continue;
    const facts = cadre(r.cadre_id as string);
    facts.assigned += num(r.n);
    if (r.stage !== 'closed') facts.overdueVisits += num(r.overdue);
  }
  for (const r of visits) if (r.cadre_id) cadre(r.cadre_id as string).visitedToday += num(r.visited);
  const movesToday = new Map<string, number>();
  for (const r of moves) {
    if (r.kind === 'advance')
      movesToday.set(r.to_stage as string, (movesToday.get(r.to_stage as string) ?? 0) + num(r.n));
  }
  return {
    cells,
    cadres: [...cadres.values()],
    movesToday,
    approvalsPending: rows.approvalsPending,
    priorityHouseholdsTouched: rows.priorityHouseholdsTouched,
  };
}
