import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

/**
 * Indexes for the daily report at 100,000 households / 1,000,000 visits (bench/README.md "Daily cycle"): the
 * report's statements read only index entries instead of wide household and event rows.
 */
export class CycleIndexes1764600000000 implements MigrationInterface {
  name = 'CycleIndexes1764600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Stage counts, cadre load and overdue visits per (village, task force, cadre, stage): one index-only
    // pass in GROUP BY order. Without it SQLite walked ix_household_village_stage and read every row.
    await queryRunner.createIndex(
      'household',
      new TableIndex({
        name: 'ix_household_report',
        columnNames: ['village_id', 'task_force_id', 'cadre_id', 'stage', 'last_visit_at'],
      }),
    );
    // Today's stage moves and intent records by household without reading the rows; they replace the
    // single-column date indexes, which they extend.
    await queryRunner.createIndex(
      'stage_event',
      new TableIndex({
        name: 'ix_stage_event_date_moves',
        columnNames: ['business_date', 'household_id', 'to_stage', 'kind'],
      }),
    );
    await queryRunner.dropIndex('stage_event', 'ix_stage_event_date');
    await queryRunner.createIndex(
      'intent_record',
      new TableIndex({ name: 'ix_intent_date_household', columnNames: ['business_date', 'household_id'] }),
    );
    await queryRunner.dropIndex('intent_record', 'ix_intent_date');
    // Problems overdue at the end of the day, counted by village and household from the index alone; it
    // extends (status, due_at), which the overdue lists of supervision and dispatch also use.
    await queryRunner.createIndex(
      'problem',
      new TableIndex({
        name: 'ix_problem_status_due_place',
        columnNames: ['status', 'due_at', 'village_id', 'household_id'],
      }),
    );
    await queryRunner.dropIndex('problem', 'ix_problem_status_due');
    // Today's visits, moves, intents and problems are joined to their household for its village, task force,
    // cadre and priority flags: read from this index instead of the wide row (SQLite, once the planner has
    // statistics, which the application gathers at start) or a hashed sequential scan of the whole table
    // for every statement (PostgreSQL).
    await queryRunner.createIndex(
      'household',
      new TableIndex({
        name: 'ix_household_id_report',
        columnNames: ['id', 'village_id', 'task_force_id', 'cadre_id', 'flags', 'on_hold'],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('household', 'ix_household_id_report');
    await queryRunner.createIndex(
      'problem',
      new TableIndex({ name: 'ix_problem_status_due', columnNames: ['status', 'due_at'] }),
    );
    await queryRunner.dropIndex('problem', 'ix_problem_status_due_place');
    await queryRunner.createIndex(
      'intent_record',
      new TableIndex({ name: 'ix_intent_date', columnNames: ['business_date'] }),
    );
    await queryRunner.dropIndex('intent_record', 'ix_intent_date_household');
    await queryRunner.createIndex(
      'stage_event',
      new TableIndex({ name: 'ix_stage_event_date', columnNames: ['business_date'] }),
    );
    await queryRunner.dropIndex('stage_event', 'ix_stage_event_date_moves');
    await queryRunner.dropIndex('household', 'ix_household_report');
  }
}
