import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { migrationColumns } from '../src/database/migration-columns';

/**
 * Any past date (docs/architecture.md, "History"):
 * - `household_history`: a household's village, township, task force, cadre, flags and hold after each change.
 *   Every existing household gets a baseline row at its creation holding today's values: what it was before
 *   this migration was not recorded, and from here on every change is.
 * - `stage_event.seq`: the event's position in its household's history, so two moves in one millisecond (a
 *   replay, a fixed clock) still have an order; existing events are numbered by time, then id.
 * - `problem_event.due_at`: the deadline an event set (opening, 交办 with a new deadline), so "overdue on the 3rd"
 *   uses the deadline of the 3rd; null on older events (the problem's current deadline stands in).
 * - `report_check`: each comparison of a stored daily report with the same day recomputed from the events.
 * Raw ALTER TABLE ADD COLUMN, not queryRunner.addColumn: on SQLite TypeORM would rebuild the tables.
 */
export class History1765250000000 implements MigrationInterface {
  name = 'History1765250000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = migrationColumns(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'household_history',
        columns: [
          c.serial(),
          c.uuid('household_id'),
          c.instant('at'),
          c.varchar('actor_id', 36),
          c.varchar('cause', 20),
          c.uuid('village_id'),
          c.uuid('township_id', { isNullable: true }),
          c.uuid('task_force_id', { isNullable: true }),
          c.uuid('cadre_id', { isNullable: true }),
          c.varchar('flags', 200, { default: "''" }),
          c.boolean('on_hold', false),
          c.varchar('hold_reason', 20, { isNullable: true }),
        ],
        indices: [
          new TableIndex({
            name: 'ix_household_history_household',
            columnNames: ['household_id', 'at', 'id'],
          }),
        ],
      }),
    );
    await queryRunner.query(
      `INSERT INTO household_history (household_id, at, actor_id, cause, village_id, township_id, task_force_id,
                                      cadre_id, flags, on_hold, hold_reason)
       SELECT id, created_at, 'system', 'baseline', village_id, township_id, task_force_id, cadre_id, flags,
              on_hold, hold_reason
         FROM household`,
    );

    await queryRunner.query(`ALTER TABLE "stage_event" ADD COLUMN "seq" integer NOT NULL DEFAULT 0`);
    await queryRunner.query(
      `UPDATE stage_event SET seq = (
         SELECT count(*) FROM stage_event e2
          WHERE e2.household_id = stage_event.household_id
            AND (e2.at < stage_event.at OR (e2.at = stage_event.at AND e2.id <= stage_event.id)))`,
    );
    await queryRunner.createIndex(
      'stage_event',
      new TableIndex({ name: 'ix_stage_event_household_seq', columnNames: ['household_id', 'seq'] }),
    );

    await queryRunner.query(
      `ALTER TABLE "problem_event" ADD COLUMN "due_at" ${c.pg ? 'timestamptz' : 'datetime'} NULL`,
    );

    await queryRunner.createTable(
      new Table({
        name: 'report_check',
        columns: [
          c.serial(),
          c.varchar('date', 10),
          c.instant('checked_at'),
          c.integer('differences'),
          c.text('detail'),
        ],
        indices: [new TableIndex({ name: 'ix_report_check_date', columnNames: ['date', 'id'] })],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('report_check');
    await queryRunner.dropColumn('problem_event', 'due_at');
    await queryRunner.dropIndex('stage_event', 'ix_stage_event_household_seq');
    await queryRunner.dropColumn('stage_event', 'seq');
    await queryRunner.dropTable('household_history');
  }
}
