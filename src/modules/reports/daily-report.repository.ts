import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { num, rawQuery } from '../../database/raw-query';
import { Cell } from './report-builder';

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

const ACTIVE = "('open', 'assigned', 'reopened')";

/** The daily report's set-based SQL: a handful of GROUP BY queries, none per household. */
@Injectable()
export class DailyReportRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async facts(window: ReportWindow): Promise<ReportFacts> {
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
    const problems = await rawQuery(
      m,
      `SELECT p.village_id, h.task_force_id,
              SUM(CASE WHEN p.opened_date = :date THEN 1 ELSE 0 END) AS opened,
              SUM(CASE WHEN p.closed_date = :date THEN 1 ELSE 0 END) AS closed,
              SUM(CASE WHEN p.status IN ${ACTIVE} AND p.due_at < :dayEnd THEN 1 ELSE 0 END) AS overdue
         FROM problem p LEFT JOIN household h ON h.id = p.household_id
        WHERE p.opened_date = :date OR p.closed_date = :date OR (p.status IN ${ACTIVE} AND p.due_at < :dayEnd)
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

    const cell = (row: Record<string, unknown>) => ({
      villageId: (row.village_id as string) ?? null,
      taskForceId: (row.task_force_id as string) ?? null,
    });
    const cells: Cell[] = [
      ...households.map((r) => ({ ...cell(r), stage: r.stage as string, households: num(r.n) })),
      ...visits.map((r) => ({ ...cell(r), visits: num(r.visits), householdsVisited: num(r.visited) })),
      ...moves.map((r) => ({ ...cell(r), stageMoves: num(r.n) })),
      ...intents.map((r) => ({ ...cell(r), intentChanges: num(r.n) })),
      ...problems.map((r) => ({
        ...cell(r),
        problemsOpened: num(r.opened),
        problemsClosed: num(r.closed),
        problemsOverdue: num(r.overdue),
      })),
    ];
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
      approvalsPending: num(pending.n),
      priorityHouseholdsTouched: num(priority.n),
    };
  }
}
