import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { migrationColumns } from '../src/database/migration-columns';

/** The jobs layer: a record per job run (unique per name and key) and the transactional outbox. */
export class Jobs1764400000000 implements MigrationInterface {
  name = 'Jobs1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = migrationColumns(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'job_runs',
        columns: [
          c.serial(),
          c.varchar('name', 40),
          c.varchar('key', 200),
          c.varchar('status', 10),
          c.integer('attempts', { default: '0' }),
          c.text('error', { isNullable: true }),
          c.text('result', { isNullable: true }),
          c.instant('locked_until', { isNullable: true }),
          c.instant('started_at', { isNullable: true }),
          c.instant('finished_at', { isNullable: true }),
          c.instant('created_at'),
        ],
        indices: [
          new TableIndex({ name: 'uq_job_runs_name_key', columnNames: ['name', 'key'], isUnique: true }),
          new TableIndex({ name: 'ix_job_runs_status', columnNames: ['status'] }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'outbox',
        columns: [
          c.serial(),
          c.varchar('name', 40),
          c.text('payload'),
          c.varchar('job_id', 250, { isNullable: true }),
          c.instant('created_at'),
          c.instant('sent_at', { isNullable: true }),
          c.integer('attempts', { default: '0' }),
          c.text('last_error', { isNullable: true }),
        ],
        indices: [new TableIndex({ name: 'ix_outbox_unsent', columnNames: ['sent_at', 'id'] })],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('outbox');
    await queryRunner.dropTable('job_runs');
  }
}
