import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { instant, rawQuery } from '../../database/raw-query';

/** A change stamp as the driver compares it: bigint text on PostgreSQL, a plain number on SQLite. */
export type Seq = string | number;

export interface HouseholdRow {
  id: string;
  code: string;
  headName: string;
  phoneEnc: string | null;
  villageId: string;
  villageName: string | null;
  group: string | null;
  address: string | null;
  stage: string;
  intentOption: string;
  intentSite: string | null;
  intentLivelihood: string | null;
  intentRecordedAt: Date | null;
  onHold: boolean;
  holdReason: string | null;
  light: string;
  lightReasons: string;
  flags: string;
  lastVisitAt: Date | null;
  version: number;
  updatedAt: Date;
}

export interface ProblemRow {
  id: string;
  householdId: string;
  category: string;
  severity: string;
  status: string;
  description: string;
  dueAt: Date;
}

export interface VisitRow {
  id: string;
  householdId: string;
  visitedAt: Date;
  method: string;
  summary: string;
  attitude: string | null;
}

export interface TaskRow {
  id: string;
  kind: string;
  targetType: string;
  targetId: string;
  instruction: string;
  householdId: string | null;
  householdCode: string | null;
  cycleDate: string;
  dueDate: string;
  status: string;
  note: string | null;
  createdAt: Date;
  completedAt: Date | null;
}

/** Ids per IN list: far below either driver's parameter limit. */
const CHUNK = 500;

const nullableInstant = (value: unknown): Date | null =>
  value === null || value === undefined ? null : instant(value);

/**
 * The phone's read model: one cadre's households with their open problems and latest visits, and their tasks, each
 * as one set-based query per page of ids (never one per household). It reads the owners' tables as reports do;
 * it owns only `sync_removal` (written by the database's triggers, see migrations/1765000000000-sync.ts).
 */
@Injectable()
export class SyncRepository {
  private isPostgres(manager: EntityManager): boolean {
    return manager.connection.driver.options.type === 'postgres';
  }

  /**
   * The stamp every row committed so far is at or below. SQLite: the counter (writers are serialized and this runs
   * in their queue). PostgreSQL: one less than the oldest transaction still writing to this database (from the
   * snapshot's in-progress list, kept to those holding a lock on one of this database's relations, as every writer
   * here does), or than the next transaction id when none is: a slow writer that commits after this read is still
   * above it. Transactions of other databases on the server (which cannot write here) do not hold it back.
   */
  async currentSeq(manager: EntityManager): Promise<Seq> {
    if (this.isPostgres(manager)) {
      const [row] = await manager.query(
        `WITH snapshot AS (SELECT pg_current_snapshot() AS s),
              writers AS (
                SELECT l.transactionid::text AS xid FROM pg_locks l
                 WHERE l.locktype = 'transactionid' AND l.pid IN (
                   SELECT r.pid FROM pg_locks r
                    WHERE r.locktype = 'relation'
                      AND r.database = (SELECT oid FROM pg_database WHERE datname = current_database())))
         SELECT (LEAST(
                   (SELECT pg_snapshot_xmax(s)::text::bigint FROM snapshot),
                   (SELECT min(x::text::bigint) FROM snapshot, pg_snapshot_xip(s) AS x
                     WHERE (x::text::bigint % 4294967296)::text IN (SELECT xid FROM writers))
                 ) - 1)::text AS seq`,
      );
      return String(row.seq);
    }
    const [row] = await manager.query('SELECT "seq" FROM "sync_clock" WHERE "id" = 1');
    return Number(row.seq);
  }

  /** Turns a cursor's stamp into what the driver compares with. */
  seq(manager: EntityManager, text: string): Seq {
    return this.isPostgres(manager) ? text : Number(text);
  }

  /**
   * The cadre's households (all of them, or those changed above `since`): a household counts as changed when its
   * own row (stage, intent, hold, light, lastVisitAt, edits, assignment), its light's reasons or one of its visits
   * or problems was written above the stamp. The visits' and problems' sub-selects read their small change_seq
   * indexes, not the households' history; the reasons (one row a household) are looked up by key.
   */
  async households(manager: EntityManager, cadreId: string, since: Seq | null): Promise<HouseholdRow[]> {
    const changed =
      since === null
        ? ''
        : `AND (h.change_seq > :since
              OR h.id IN (SELECT v.household_id FROM visit v WHERE v.change_seq > :since)
              OR h.id IN (SELECT p.household_id FROM problem p WHERE p.change_seq > :since AND p.household_id IS NOT NULL)
              OR EXISTS (SELECT 1 FROM household_light_reasons r WHERE r.household_id = h.id AND r.change_seq > :since))`;
    const rows = await rawQuery(
      manager,
      `SELECT h.id, h.code, h.head_name, h.phone_enc, h.village_id, o.name AS village_name, h.group_name, h.address,
              h.stage, h.intent_option, h.intent_site, h.intent_livelihood, h.intent_recorded_at, h.on_hold,
              h.hold_reason, h.light, r.reasons AS light_reasons, h.flags, h.last_visit_at, h.version, h.updated_at
         FROM household h LEFT JOIN org_unit o ON o.id = h.village_id
         LEFT JOIN household_light_reasons r ON r.household_id = h.id
        WHERE h.cadre_id = :cadreId ${changed}
        ORDER BY h.code`,
      { cadreId, since },
    );
    return rows.map((r) => ({
      id: String(r.id),
      code: String(r.code),
      headName: String(r.head_name),
      phoneEnc: (r.phone_enc as string | null) ?? null,
      villageId: String(r.village_id),
      villageName: (r.village_name as string | null) ?? null,
      group: (r.group_name as string | null) ?? null,
      address: (r.address as string | null) ?? null,
      stage: String(r.stage),
      intentOption: String(r.intent_option),
      intentSite: (r.intent_site as string | null) ?? null,
      intentLivelihood: (r.intent_livelihood as string | null) ?? null,
      intentRecordedAt: nullableInstant(r.intent_recorded_at),
      onHold: r.on_hold === true || r.on_hold === 1,
      holdReason: (r.hold_reason as string | null) ?? null,
      light: String(r.light),
      lightReasons: (r.light_reasons as string | null) ?? '[]',
      flags: String(r.flags),
      lastVisitAt: nullableInstant(r.last_visit_at),
      version: Number(r.version),
      updatedAt: instant(r.updated_at),
    }));
  }

  /** Problems not closed yet (what household.open_problems counts), due first. */
  async openProblems(manager: EntityManager, householdIds: string[]): Promise<ProblemRow[]> {
    const out: ProblemRow[] = [];
    for (let i = 0; i < householdIds.length; i += CHUNK) {
      const rows = await rawQuery(
        manager,
        `SELECT id, household_id, category, severity, status, description, due_at FROM problem
          WHERE household_id IN (:...ids) AND status <> 'closed' ORDER BY due_at, id`,
        { ids: householdIds.slice(i, i + CHUNK) },
      );
      for (const r of rows) {
        out.push({
          id: String(r.id),
          householdId: String(r.household_id),
          category: String(r.category),
          severity: String(r.severity),
          status: String(r.status),
          description: String(r.description),
          dueAt: instant(r.due_at),
        });
      }
    }
    return out;
  }

  /** Each household's newest `perHousehold` visits, in one windowed query per chunk. */
  async recentVisits(
    manager: EntityManager,
    householdIds: string[],
    perHousehold: number,
  ): Promise<VisitRow[]> {
    const out: VisitRow[] = [];
    for (let i = 0; i < householdIds.length; i += CHUNK) {
      const rows = await rawQuery(
        manager,
        `SELECT id, household_id, visited_at, method, summary, attitude FROM (
           SELECT v.id, v.household_id, v.visited_at, v.method, v.summary, v.attitude,
                  ROW_NUMBER() OVER (PARTITION BY v.household_id ORDER BY v.visited_at DESC, v.id DESC) AS rn
             FROM visit v WHERE v.household_id IN (:...ids)) ranked
          WHERE rn <= :perHousehold ORDER BY household_id, visited_at DESC, id DESC`,
        { ids: householdIds.slice(i, i + CHUNK), perHousehold },
      );
      for (const r of rows) {
        out.push({
          id: String(r.id),
          householdId: String(r.household_id),
          visitedAt: instant(r.visited_at),
          method: String(r.method),
          summary: String(r.summary),
          attitude: (r.attitude as string | null) ?? null,
        });
      }
    }
    return out;
  }

  /**
   * Rows of `kind` that left the user above `since` and are not theirs again now (a household reassigned away and
   * back is simply among the changed ones).
   */
  async removed(
    manager: EntityManager,
    kind: 'household' | 'task',
    userId: string,
    since: Seq,
  ): Promise<string[]> {
    const owner =
      kind === 'household'
        ? 'SELECT 1 FROM household h WHERE h.id = r.entity_id AND h.cadre_id = :userId'
        : 'SELECT 1 FROM task t WHERE t.id = r.entity_id AND t.assignee_user_id = :userId';
    const rows = await rawQuery<{ entity_id: string }>(
      manager,
      `SELECT DISTINCT r.entity_id FROM sync_removal r
        WHERE r.user_id = :userId AND r.kind = :kind AND r.seq > :since AND NOT EXISTS (${owner})`,
      { userId, kind, since },
    );
    return rows.map((r) => String(r.entity_id)).sort();
  }

  /** Forgets everyone's removals older than `before` (a cluster's writer, hourly: its readers cannot). */
  async purgeAllRemovals(manager: EntityManager, before: Date): Promise<void> {
    await rawQuery(manager, 'DELETE FROM sync_removal WHERE removed_at < :before', { before });
  }

  /** Forgets the user's removals older than `before` (index on user_id): no cursor that old is honoured. */
  async purgeRemovals(manager: EntityManager, userId: string, before: Date): Promise<void> {
    await rawQuery(manager, 'DELETE FROM sync_removal WHERE user_id = :userId AND removed_at < :before', {
      userId,
      before,
    });
  }

  /** The user's tasks: changed above `since`, or (reset) the open ones and those done since `doneSince`. */
  async tasks(
    manager: EntityManager,
    userId: string,
    filter: { since: Seq } | { doneSince: Date },
  ): Promise<TaskRow[]> {
    const which =
      'since' in filter
        ? 't.change_seq > :since'
        : `(t.status = 'open' OR (t.status = 'done' AND t.completed_at >= :doneSince))`;
    const rows = await rawQuery(
      manager,
      `SELECT t.id, t.kind, t.target_type, t.target_id, t.instruction, t.household_id, h.code AS household_code,
              t.cycle_date, t.due_date, t.status, t.note, t.created_at, t.completed_at
         FROM task t LEFT JOIN household h ON h.id = t.household_id
        WHERE t.assignee_user_id = :userId AND ${which}
        ORDER BY t.due_date, t.id`,
      { userId, ...filter },
    );
    return rows.map((r) => ({
      id: String(r.id),
      kind: String(r.kind),
      targetType: String(r.target_type),
      targetId: String(r.target_id),
      instruction: String(r.instruction),
      householdId: (r.household_id as string | null) ?? null,
      householdCode: (r.household_code as string | null) ?? null,
      cycleDate: String(r.cycle_date),
      dueDate: String(r.due_date),
      status: String(r.status),
      note: (r.note as string | null) ?? null,
      createdAt: instant(r.created_at),
      completedAt: nullableInstant(r.completed_at),
    }));
  }
}
