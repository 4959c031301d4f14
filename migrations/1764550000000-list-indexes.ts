import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

/**
 * Household list at 100,000 rows: township + light sorted by update time, and task force pages by code, read
 * from an index instead of a filtered scan and a sort (bench/README.md, "Household list").
 */
export class ListIndexes1764550000000 implements MigrationInterface {
  name = 'ListIndexes1764550000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex(
      'household',
      new TableIndex({
        name: 'ix_household_township_light_updated',
        columnNames: ['township_id', 'light', 'updated_at'],
      }),
    );
    await queryRunner.createIndex(
      'household',
      new TableIndex({ name: 'ix_household_task_force_code', columnNames: ['task_force_id', 'code'] }),
    );
    await queryRunner.dropIndex('household', 'ix_household_task_force');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex(
      'household',
      new TableIndex({ name: 'ix_household_task_force', columnNames: ['task_force_id'] }),
    );
    await queryRunner.dropIndex('household', 'ix_household_task_force_code');
    await queryRunner.dropIndex('household', 'ix_household_township_light_updated');
  }
}
