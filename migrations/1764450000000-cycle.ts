import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { migrationColumns } from '../src/database/migration-columns';

/** The daily cycle's products: report snapshots, review summaries, tasks, notifications, weekly bulletins. */
export class Cycle1764450000000 implements MigrationInterface {
  name = 'Cycle1764450000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = migrationColumns(queryRunner);
    const snapshot = (name: string, key: string) =>
      new Table({
        name,
        columns: [
          { ...c.varchar(key, 10), isPrimary: true },
          c.instant('generated_at'),
          c.text('body'),
          c.varchar('body_hash', 64),
        ],
      });
    await queryRunner.createTable(snapshot('daily_report', 'date'));
    await queryRunner.createTable(snapshot('daily_review', 'date'));
    await queryRunner.createTable(snapshot('weekly_bulletin', 'week_start'));
    await queryRunner.createTable(
      new Table({
        name: 'task',
        columns: [
          c.id(),
          c.varchar('cycle_date', 10),
          c.varchar('kind', 30),
          c.varchar('target_type', 20),
          c.varchar('target_id', 36),
          c.uuid('household_id', { isNullable: true }),
          c.uuid('assignee_user_id', { isNullable: true }),
          c.uuid('assignee_unit_id', { isNullable: true }),
          c.varchar('assignee_level', 20, { isNullable: true }),
          c.varchar('instruction', 1000),
          c.varchar('due_date', 10),
          c.varchar('status', 20),
          c.varchar('note', 1000, { isNullable: true }),
          c.instant('created_at'),
          c.instant('completed_at', { isNullable: true }),
          c.varchar('completed_by', 36, { isNullable: true }),
          c.integer('version', { default: '1' }),
        ],
        indices: [
          // "Each is created at most once per cycle date and target."
          new TableIndex({
            name: 'uq_task_cycle_target',
            columnNames: ['cycle_date', 'target_type', 'target_id'],
            isUnique: true,
          }),
          new TableIndex({ name: 'ix_task_assignee_status', columnNames: ['assignee_user_id', 'status'] }),
          new TableIndex({ name: 'ix_task_unit_status', columnNames: ['assignee_unit_id', 'status'] }),
          new TableIndex({ name: 'ix_task_status_due', columnNames: ['status', 'due_date'] }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'notification',
        columns: [
          c.id(),
          c.uuid('user_id'),
          c.varchar('kind', 30),
          c.varchar('title', 200),
          c.varchar('body', 2000),
          c.uuid('task_id', { isNullable: true }),
          c.varchar('dedupe_key', 120),
          c.instant('created_at'),
          c.instant('read_at', { isNullable: true }),
        ],
        indices: [
          new TableIndex({
            name: 'uq_notification_dedupe',
            columnNames: ['user_id', 'dedupe_key'],
            isUnique: true,
          }),
          new TableIndex({ name: 'ix_notification_user_read', columnNames: ['user_id', 'read_at'] }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['notification', 'task', 'weekly_bulletin', 'daily_review', 'daily_report']) {
      await queryRunner.dropTable(table);
    }
  }
}
