import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { migrationColumns } from '../src/database/migration-columns';

/**
 * Issue #16 part 2, deadlines planned back from the move date: `village_plan` (the planning module) holds each
 * village's move date (搬迁节点) and its pace as last measured. Planned dates are derived from it and the stage
 * lead table on every read, so nothing else is stored.
 */
export class Planning1765500000000 implements MigrationInterface {
  name = 'Planning1765500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = migrationColumns(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'village_plan',
        columns: [
          { ...c.uuid('village_id'), isPrimary: true },
          c.varchar('move_date', 10),
          c.varchar('reason', 200),
          c.varchar('pace_date', 10, { isNullable: true }),
          c.integer('pace_steps', { isNullable: true }),
          c.integer('pace_open', { isNullable: true }),
          c.uuid('updated_by'),
          c.instant('updated_at'),
          c.integer('version', { default: '1' }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('village_plan');
  }
}
