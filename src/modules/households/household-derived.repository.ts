import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { instant, rawQuery } from '../../database/raw-query';
import { HouseholdEntity } from './entities/household.entity';
import { HouseholdLightReasonsEntity } from './entities/household-light-reasons.entity';

const CLOCK = '(SELECT seq FROM sync_clock WHERE id = 1)';

/** Ids 500 a statement (within every driver's limit on bound parameters). */
const chunks = (ids: string[]): string[][] =>
  Array.from({ length: Math.ceil(ids.length / 500) }, (_, i) => ids.slice(i * 500, (i + 1) * 500));

/** A household's facts for its light, as the review reads them a page at a time. */
export interface LightRow {
  id: string;
  villageId: string;
  stage: string;
  onHold: boolean;
  createdAt: Date;
  stageChangedAt: Date;
  lastVisitAt: Date | null;
  light: string;
}

/**
 * The household's derived columns (last_visit_at, open_problems, light) and its light's reasons (their own table,
 * household_light_reasons): written by the system, never edited, so none of these writes bumps the row's version.
 */
@Injectable()
export class HouseholdDerivedRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The households a batch touches, read inside its transaction (their light depends on the current row), each
   * with its stored reasons (JSON), in the same statement: this is the visit's hot path.
   */
  async byIds(
    manager: EntityManager,
    ids: string[],
  ): Promise<{ household: HouseholdEntity; reasons: string }[]> {
    const { entities, raw } = await manager
      .getRepository(HouseholdEntity)
      .createQueryBuilder('h')
      .leftJoin(HouseholdLightReasonsEntity, 'r', 'r.household_id = h.id')
      .addSelect('r.reasons', 'stored_reasons')
      .where('h.id IN (:...ids)', { ids })
      .getRawAndEntities<{ h_id: string; stored_reasons: string | null }>();
    const reasons = new Map(raw.map((row) => [row.h_id, row.stored_reasons ?? '[]']));
    return entities.map((household) => ({ household, reasons: reasons.get(household.id) ?? '[]' }));
  }

  /** The stored reasons (JSON) of these households; a household without a row has none ('[]'). */
  async reasonsOf(manager: EntityManager, ids: string[]): Promise<Map<string, string>> {
    const reasons = new Map<string, string>();
    for (const chunk of chunks(ids)) {
      const rows = await rawQuery<{ household_id: string; reasons: string }>(
        manager,
        'SELECT household_id, reasons FROM household_light_reasons WHERE household_id IN (:...ids)',
        { ids: chunk },
      );
      for (const row of rows) reasons.set(row.household_id, row.reasons);
    }
    return reasons;
  }

  /**
   * Every stored reasons row (of one village's households, or all), household id → JSON, for the review: one read
   * of the narrow table instead of joining it to each page of households (a walk of 100,000 on PostgreSQL: ≈ 0.4 s
   * of merge joins, bench/README §20). The few distinct texts are shared, not one string a household.
   */
  async storedReasons(villageId?: string): Promise<Map<string, string>> {
    const rows = await rawQuery<{ household_id: string; reasons: string }>(
      this.dataSource.manager,
      villageId
        ? `SELECT r.household_id, r.reasons FROM household_light_reasons r
             JOIN household h ON h.id = r.household_id WHERE h.village_id = :villageId`
        : 'SELECT household_id, reasons FROM household_light_reasons',
      { villageId },
    );
    const texts = new Map<string, string>();
    const stored = new Map<string, string>();
    for (const row of rows) {
      let text = texts.get(row.reasons);
      if (text === undefined) texts.set(row.reasons, (text = row.reasons));
      stored.set(row.household_id, text);
    }
    return stored;
  }

  /**
   * New colours and new reasons, each for the households whose own changed: `colours` light → ids, `reasons`
   * JSON → ids. A colour is a write of the household row; reasons are a row of household_light_reasons (entity's
   * comment: why they are apart).
   */
  async saveLights(
    manager: EntityManager,
    colours: Map<string, string[]>,
    reasons: Map<string, string[]>,
  ): Promise<void> {
    const sqlite = manager.connection.options.type === 'sqlite';
    for (const [light, ids] of colours)
      for (const chunk of chunks(ids)) {
        if (sqlite) await this.tick(manager);
        await rawQuery(
          manager,
          `UPDATE household SET light = :light${sqlite ? `, change_seq = ${CLOCK}` : ''} WHERE id IN (:...ids)`,
          { light, ids: chunk },
        );
      }
    for (const [json, ids] of reasons)
      for (const chunk of chunks(ids)) {
        if (sqlite) await this.tick(manager);
        // The ids as one array parameter on PostgreSQL (households are never deleted, so each one exists).
        await rawQuery(
          manager,
          sqlite
            ? `INSERT INTO household_light_reasons (household_id, reasons, change_seq)
               SELECT id, :reasons, ${CLOCK} FROM household WHERE id IN (:...ids)
               ON CONFLICT (household_id) DO UPDATE SET reasons = excluded.reasons, change_seq = excluded.change_seq`
            : `INSERT INTO household_light_reasons (household_id, reasons)
               SELECT id, :reasons FROM unnest(CAST(:ids AS uuid[])) AS u(id)
               ON CONFLICT (household_id) DO UPDATE SET reasons = excluded.reasons`,
          { reasons: json, ids: chunk },
        );
      }
  }

  /**
   * SQLite: the phones' change stamp (migrations 1765000000000-sync, 1765600000000-light-reasons) written in the
   * statement itself. The tables' triggers stamp each row after the write with a second UPDATE of the row and a
   * tick of the clock; here the clock ticks once for a chunk and every row takes that stamp, so the triggers
   * (which fire only when the stamp did not move) stay out. Replaying 25,000 scattered light changes in 500-row
   * chunks: 2.6–2.8 s against 3.0–4.3 s through the trigger (bench/README §17). Rows of one transaction sharing
   * a stamp is what a pull already sees (it reads between commits).
   */
  private async tick(manager: EntityManager): Promise<void> {
    await manager.query('UPDATE sync_clock SET seq = seq + 1 WHERE id = 1');
  }

  /**
   * Households (of one village, or all) a page at a time, by keyset so the walk is linear; `after` is the previous
   * page's `next`. On SQLite the walk follows the table's own order (rowid): the households are read and their
   * changed lights written page by page as they lie in the file, not scattered over it as the random ids would
   * have them — 25,000 changed lights wrote in 1.0 s instead of 2.5 s (bench/README §17). A rowid never changes
   * for a row (nothing here runs VACUUM), and a household inserted meanwhile comes later in the walk, as a new id
   * did. PostgreSQL's heap has no such stable order: the id.
   */
  async lightPage(
    after: string | number | null,
    limit: number,
    villageId?: string,
  ): Promise<{ rows: LightRow[]; next: string | number | null }> {
    const key = this.dataSource.options.type === 'sqlite' ? 'rowid' : 'id';
    const where = [after !== null && `${key} > :after`, villageId && 'village_id = :villageId'].filter(
      Boolean,
    );
    // Plain rows, not entities: hydrating 100,000 households was most of the review's memory.
    const rows = await rawQuery(
      this.dataSource.manager,
      `SELECT h.${key} AS walk_key, h.id, h.village_id, h.stage, h.on_hold, h.created_at, h.stage_changed_at,
              h.last_visit_at, h.light
         FROM household h ${where.length ? `WHERE ${where.map((w) => `h.${w}`).join(' AND ')}` : ''}
        ORDER BY h.${key} LIMIT ${Number(limit)}`,
      { after, villageId },
    );
    return {
      next: rows.length ? (rows[rows.length - 1].walk_key as string | number) : null,
      rows: rows.map((r) => ({
        id: r.id as string,
        villageId: r.village_id as string,
        stage: r.stage as string,
        onHold: r.on_hold === true || Number(r.on_hold) === 1,
        createdAt: instant(r.created_at),
        stageChangedAt: instant(r.stage_changed_at),
        lastVisitAt: r.last_visit_at === null ? null : instant(r.last_visit_at),
        light: r.light as string,
      })),
    };
  }

  /**
   * Each household's lastVisitAt moved to its visit's time, in one statement for the whole batch; only ever
   * forward (a late upload of an old visit must not rewind it, whoever committed in between).
   */
  async markVisited(
    manager: EntityManager,
    visits: { householdId: string; visitedAt: Date }[],
  ): Promise<void> {
    if (visits.length === 0) return;
    const postgres = manager.connection.driver.options.type === 'postgres';
    const params: Record<string, unknown> = {};
    const whens = visits.map(({ householdId, visitedAt }, i) => {
      params[`h${i}`] = householdId;
      params[`t${i}`] = visitedAt;
      // PostgreSQL types an untyped parameter in a CASE as text.
      return `WHEN :h${i} THEN ${postgres ? `CAST(:t${i} AS timestamptz)` : `:t${i}`}`;
    });
    const at = `CASE id ${whens.join(' ')} END`;
    await rawQuery(
      manager,
      `UPDATE household SET last_visit_at = ${at}
        WHERE id IN (${visits.map((_, i) => `:h${i}`).join(', ')}) AND (last_visit_at IS NULL OR last_visit_at < ${at})`,
      params,
    );
  }

  async adjustOpenProblems(manager: EntityManager, householdId: string, delta: number): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(HouseholdEntity)
      .set({ openProblems: () => `open_problems + (${Number(delta)})` })
      .where('id = :householdId', { householdId })
      .execute();
  }
}
