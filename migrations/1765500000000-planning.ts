import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { migrationColumns } from '../src/database/migration-columns';

/**
 * Issue #16 part 2, deadlines planned back from the move date (the planning module): `village_plan` holds each
 * village's move date (搬迁节点), `plan_batch` and `plan_batch_member` named sets of households with their own move
 * date, `village_pace` each village's pace as last measured (and household gets an index for measuring it). Planned dates are derived from the move date and the
 * stage lead table on every read, so nothing else is stored.
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
          c.uuid('updated_by'),
          c.instant('updated_at'),
          c.integer('version', { default: '1' }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'village_pace',
        columns: [
          { ...c.uuid('village_id'), isPrimary: true },
          c.varchar('pace_date', 10),
          c.integer('steps'),
          c.integer('open_households'),
        ],
      }),
    );
    // The pace joins the window's stage moves to their households' villages: from this index alone, not from
    // the household rows (on SQLite 0.2 s instead of 0.6 s for 67,000 moves at 100,000 households).
    await queryRunner.createIndex(
      'household',
      new TableIndex({ name: 'ix_household_id_village', columnNames: ['id', 'village_id'] }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'plan_batch',
        columns: [
          c.id(),
          c.varchar('name', 100),
          c.varchar('move_date', 10),
          c.varchar('reason', 200),
          c.uuid('updated_by'),
          c.instant('created_at'),
          c.instant('updated_at'),
          c.integer('version', { default: '1' }),
        ],
        indices: [new TableIndex({ name: 'uq_plan_batch_name', columnNames: ['name'], isUnique: true })],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'plan_batch_member',
        columns: [{ ...c.uuid('household_id'), isPrimary: true }, c.uuid('batch_id')],
        indices: [new TableIndex({ name: 'ix_plan_batch_member_batch', columnNames: ['batch_id'] })],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('plan_batch_member');
    await queryRunner.dropTable('plan_batch');
    await queryRunner.dropIndex('household', 'ix_household_id_village');
    await queryRunner.dropTable('village_pace');
    await queryRunner.dropTable('village_plan');
  }
}
