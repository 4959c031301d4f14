import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { instant, rawQuery } from '../../database/raw-query';
import { HouseholdEntity } from './entities/household.entity';

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
  lightReasons: string;
}

/**
 * The household's derived columns (last_visit_at, open_problems, light, light_reasons): written by the system,
 * never edited, so none of these writes bumps the row's version.
 */
@Injectable()
export class HouseholdDerivedRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The households a batch touches, read inside its transaction (their light depends on the current row). */
  byIds(manager: EntityManager, ids: string[]): Promise<HouseholdEntity[]> {
    return manager
      .getRepository(HouseholdEntity)
      .createQueryBuilder('h')
      .where('h.id IN (:...ids)', { ids })
      .getMany();
  }

  async saveLight(
    manager: EntityManager,
    householdId: string,
    light: string,
    reasons: string[],
  ): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(HouseholdEntity)
      .set({ light, lightReasons: JSON.stringify(reasons) })
      .where('id = :householdId', { householdId })
      .execute();
  }

  /** One UPDATE per distinct (light, reasons) in the batch. */
  async saveLights(manager: EntityManager, groups: Map<string, string[]>): Promise<void> {
    const sqlite = manager.connection.options.type === 'sqlite';
    for (const [key, ids] of groups) {
      const [light, reasons] = JSON.parse(key) as [string, string];
      for (let i = 0; i < ids.length; i += 500) {
        const chunk = ids.slice(i, i + 500);
        if (sqlite) {
          await this.saveLightsStamped(manager, light, reasons, chunk);
          continue;
        }
        await manager
          .createQueryBuilder()
          .update(HouseholdEntity)
          .set({ light, lightReasons: reasons })
          .where('id IN (:...ids)', { ids: chunk })
          .execute();
      }
    }
  }

  /**
   * SQLite: the phones' change stamp (migration 1765000000000-sync) written in the same statement. Its trigger
   * stamps each row after the update with a second UPDATE of the row and a tick of the clock; here the clock ticks
   * once for the chunk and every row takes that stamp with its light, so the trigger (which fires only when the
   * stamp did not move) stays out. Replaying 25,000 scattered light changes in 500-row chunks: 2.6–2.8 s against
   * 3.0–4.3 s through the trigger (bench/README §17). Rows of one transaction sharing a stamp is what a pull
   * already sees (it reads between commits).
   */
  private async saveLightsStamped(
    manager: EntityManager,
    light: string,
    reasons: string,
    ids: string[],
  ): Promise<void> {
    await manager.query('UPDATE sync_clock SET seq = seq + 1 WHERE id = 1');
    await rawQuery(
      manager,
      `UPDATE household SET light = :light, light_reasons = :reasons,
              change_seq = (SELECT seq FROM sync_clock WHERE id = 1)
        WHERE id IN (:...ids)`,
      { light, reasons, ids },
    );
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
      `SELECT ${key} AS walk_key, id, village_id, stage, on_hold, created_at, stage_changed_at, last_visit_at, light,
              light_reasons
         FROM household ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ${key} LIMIT ${Number(limit)}`,
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
        lightReasons: r.light_reasons as string,
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
