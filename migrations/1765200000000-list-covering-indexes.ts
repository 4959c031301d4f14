import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Household list pages and counts read from indexes alone (issue #17, bench/README.md "Cheaper lists"):
 * `taskForceId + flag` counted a task force's ~20,000 wide rows to test their flags (12–20 ms on SQLite); with the
 * flags in the index the count and the page are index-only. On SQLite `q` picked its page by sorting ~3,600
 * households read from the table; with the code beside the head's name in that index the page is chosen from the
 * two search indexes alone. Each new index extends the one it replaces, so every plan that used the old one still
 * can.
 */
export class ListCoveringIndexes1765200000000 implements MigrationInterface {
  name = 'ListCoveringIndexes1765200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE INDEX "ix_household_task_force_code_flags" ON "household" ("task_force_id", "code", "flags")',
    );
    await queryRunner.query('DROP INDEX "ix_household_task_force_code"');
    if (queryRunner.connection.options.type !== 'postgres') {
      await queryRunner.query(
        'CREATE INDEX "ix_household_head_name_code_search" ON "household" ("head_name" COLLATE NOCASE, "code")',
      );
      await queryRunner.query('DROP INDEX "ix_household_head_name_search"');
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type !== 'postgres') {
      await queryRunner.query(
        'CREATE INDEX "ix_household_head_name_search" ON "household" ("head_name" COLLATE NOCASE)',
      );
      await queryRunner.query('DROP INDEX "ix_household_head_name_code_search"');
    }
    await queryRunner.query(
      'CREATE INDEX "ix_household_task_force_code" ON "household" ("task_force_id", "code")',
    );
    await queryRunner.query('DROP INDEX "ix_household_task_force_code_flags"');
  }
}
