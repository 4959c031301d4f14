import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

/**
 * Indexes for the console's first screen at 100,000 households (bench/README.md "Console"): the 挂图作战
 * counts and the supervised problems it lists are read from index entries, not from the rows.
 */
export class DashboardIndexes1764900000000 implements MigrationInterface {
  name = 'DashboardIndexes1764900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Counts per (village, stage, light) with the held ones: one index-only pass in GROUP BY order. It extends
    // (village_id, stage), which the household list's village and stage filters keep using.
    await queryRunner.createIndex(
      'household',
      new TableIndex({
        name: 'ix_household_village_stage_light',
        columnNames: ['village_id', 'stage', 'light', 'on_hold'],
      }),
    );
    await queryRunner.dropIndex('household', 'ix_household_village_stage');
    // 挂牌督办 problems in due order, counted from the index: a handful among tens of thousands.
    await queryRunner.createIndex(
      'problem',
      new TableIndex({ name: 'ix_problem_supervised_due', columnNames: ['supervised', 'due_at', 'id'] }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('problem', 'ix_problem_supervised_due');
    await queryRunner.createIndex(
      'household',
      new TableIndex({ name: 'ix_household_village_stage', columnNames: ['village_id', 'stage'] }),
    );
    await queryRunner.dropIndex('household', 'ix_household_village_stage_light');
  }
}
