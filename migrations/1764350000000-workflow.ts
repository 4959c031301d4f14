import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { migrationColumns } from '../src/database/migration-columns';

/** Visits, intent records, stage events, approvals and problems: the cadre's work (issue 3). */
export class Workflow1764350000000 implements MigrationInterface {
  name = 'Workflow1764350000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = migrationColumns(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'visit',
        columns: [
          c.id(),
          c.uuid('household_id'),
          c.uuid('cadre_id'),
          c.instant('visited_at'),
          c.varchar('business_date', 10),
          c.varchar('method', 20),
          c.varchar('summary', 2000),
          c.varchar('attitude', 20, { isNullable: true }),
          c.varchar('concerns', 2000, { isNullable: true }),
          c.varchar('intent_observed', 30, { isNullable: true }),
          c.real('lat', { isNullable: true }),
          c.real('lng', { isNullable: true }),
          c.varchar('client_id', 64, { isNullable: true }),
          c.varchar('content_hash', 64),
          c.instant('created_at'),
        ],
        indices: [
          new TableIndex({ name: 'uq_visit_client_id', columnNames: ['client_id'], isUnique: true }),
          new TableIndex({ name: 'ix_visit_household_time', columnNames: ['household_id', 'visited_at'] }),
          new TableIndex({ name: 'ix_visit_date_household', columnNames: ['business_date', 'household_id'] }),
          new TableIndex({ name: 'ix_visit_cadre_date', columnNames: ['cadre_id', 'business_date'] }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'intent_record',
        columns: [
          c.id(),
          c.uuid('household_id'),
          c.varchar('option', 30),
          c.varchar('site', 100, { isNullable: true }),
          c.varchar('livelihood', 30, { isNullable: true }),
          c.varchar('note', 1000, { isNullable: true }),
          c.uuid('visit_id', { isNullable: true }),
          c.uuid('approval_id', { isNullable: true }),
          c.varchar('previous_option', 30, { isNullable: true }),
          c.varchar('actor_id', 36),
          c.instant('recorded_at'),
          c.varchar('business_date', 10),
        ],
        indices: [
          new TableIndex({ name: 'ix_intent_household', columnNames: ['household_id', 'recorded_at'] }),
          new TableIndex({ name: 'ix_intent_date', columnNames: ['business_date'] }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'stage_event',
        columns: [
          c.id(),
          c.uuid('household_id'),
          c.varchar('from_stage', 30),
          c.varchar('to_stage', 30),
          c.varchar('kind', 20),
          c.varchar('reason', 1000, { isNullable: true }),
          c.uuid('approval_id', { isNullable: true }),
          c.varchar('actor_id', 36),
          c.instant('at'),
          c.varchar('business_date', 10),
        ],
        indices: [
          new TableIndex({ name: 'ix_stage_event_date', columnNames: ['business_date'] }),
          new TableIndex({ name: 'ix_stage_event_household', columnNames: ['household_id', 'at'] }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'approval',
        columns: [
          c.id(),
          c.uuid('household_id'),
          c.uuid('township_id', { isNullable: true }),
          c.varchar('kind', 20),
          c.varchar('from_stage', 30),
          c.varchar('to_stage', 30),
          c.text('payload', { isNullable: true }),
          c.varchar('status', 20),
          c.varchar('current_level', 20, { isNullable: true }),
          c.varchar('comment', 1000, { isNullable: true }),
          c.varchar('requested_by', 36),
          c.instant('requested_at'),
          c.instant('decided_at', { isNullable: true }),
          c.integer('version', { default: '1' }),
        ],
        indices: [
          new TableIndex({ name: 'ix_approval_status_level', columnNames: ['status', 'current_level'] }),
          new TableIndex({ name: 'ix_approval_household', columnNames: ['household_id', 'status'] }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'approval_step',
        columns: [
          c.id(),
          c.uuid('approval_id'),
          c.integer('position'),
          c.varchar('level', 20),
          c.varchar('status', 20),
          c.varchar('decided_by', 36, { isNullable: true }),
          c.instant('decided_at', { isNullable: true }),
          c.varchar('comment', 1000, { isNullable: true }),
        ],
        indices: [
          new TableIndex({
            name: 'uq_approval_step',
            columnNames: ['approval_id', 'position'],
            isUnique: true,
          }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'problem',
        columns: [
          c.id(),
          c.uuid('household_id', { isNullable: true }),
          c.uuid('village_id', { isNullable: true }),
          c.uuid('township_id', { isNullable: true }),
          c.varchar('category', 30),
          c.varchar('severity', 5),
          c.varchar('description', 2000),
          c.varchar('status', 20),
          c.uuid('reporter_id'),
          c.uuid('unit_id', { isNullable: true }),
          c.uuid('owner_id', { isNullable: true }),
          c.instant('opened_at'),
          c.varchar('opened_date', 10),
          c.instant('due_at'),
          c.instant('resolved_at', { isNullable: true }),
          c.instant('closed_at', { isNullable: true }),
          c.varchar('closed_date', 10, { isNullable: true }),
          c.varchar('resolution', 2000, { isNullable: true }),
          c.boolean('supervised', false),
          c.integer('reopen_count', { default: '0' }),
          c.integer('version', { default: '1' }),
          c.instant('updated_at'),
        ],
        indices: [
          new TableIndex({ name: 'ix_problem_household_status', columnNames: ['household_id', 'status'] }),
          new TableIndex({ name: 'ix_problem_status_due', columnNames: ['status', 'due_at'] }),
          new TableIndex({ name: 'ix_problem_unit_status', columnNames: ['unit_id', 'status'] }),
          new TableIndex({ name: 'ix_problem_opened_date', columnNames: ['opened_date'] }),
          new TableIndex({ name: 'ix_problem_closed_date', columnNames: ['closed_date'] }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'problem_event',
        columns: [
          c.serial(),
          c.uuid('problem_id'),
          c.varchar('kind', 30),
          c.varchar('from_status', 20, { isNullable: true }),
          c.varchar('to_status', 20, { isNullable: true }),
          c.varchar('note', 2000, { isNullable: true }),
          c.varchar('actor_id', 36),
          c.instant('at'),
        ],
        indices: [new TableIndex({ name: 'ix_problem_event_problem', columnNames: ['problem_id', 'at'] })],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'problem_event',
      'problem',
      'approval_step',
      'approval',
      'stage_event',
      'intent_record',
      'visit',
    ]) {
      await queryRunner.dropTable(table);
    }
  }
}
