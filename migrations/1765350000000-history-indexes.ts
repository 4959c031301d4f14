import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A past day's households read from indexes alone (issue #15, bench/README.md §12): history/past-sql.ts finds, per
 * household, its last stage event, intent record and visit at or before an instant. With the column each lookup
 * returns or filters on in the index (the event's seq, the record's id as the tiebreak, the visit's recording
 * time), the lookup is an index range read; without it every household fetched its rows from the table (about
 * 1.2 s of a 100,000-household day on SQLite). Each new index extends the one it replaces, so every plan that used
 * the old one still can.
 */
export class HistoryIndexes1765350000000 implements MigrationInterface {
  name = 'HistoryIndexes1765350000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await replace(queryRunner, 'stage_event', 'ix_stage_event_household', 'ix_stage_event_household_at_seq', [
      'household_id',
      'at',
      'seq',
    ]);
    await replace(queryRunner, 'intent_record', 'ix_intent_household', 'ix_intent_household_time_id', [
      'household_id',
      'recorded_at',
      'id',
    ]);
    await replace(queryRunner, 'visit', 'ix_visit_household_time', 'ix_visit_household_time_created', [
      'household_id',
      'visited_at',
      'created_at',
    ]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await replace(queryRunner, 'visit', 'ix_visit_household_time_created', 'ix_visit_household_time', [
      'household_id',
      'visited_at',
    ]);
    await replace(queryRunner, 'intent_record', 'ix_intent_household_time_id', 'ix_intent_household', [
      'household_id',
      'recorded_at',
    ]);
    await replace(queryRunner, 'stage_event', 'ix_stage_event_household_at_seq', 'ix_stage_event_household', [
      'household_id',
      'at',
    ]);
  }
}

/** The new index first, then the old one dropped: no moment without an index on the household's rows. */
async function replace(
  queryRunner: QueryRunner,
  table: string,
  old: string,
  name: string,
  columns: string[],
): Promise<void> {
  await queryRunner.query(
    `CREATE INDEX "${name}" ON "${table}" (${columns.map((column) => `"${column}"`).join(', ')})`,
  );
  await queryRunner.query(`DROP INDEX "${old}"`);
}
