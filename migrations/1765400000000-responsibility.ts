import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { migrationColumns } from '../src/database/migration-columns';

/**
 * Issue #16 part 1, the 包保 responsibility matrix (the responsibility module): `responsibility` holds who has a
 * role (包村领导, 工作队长, 后盾单位) at a village, a task force or one household (an override), at most one
 * holder per scope and role; `responsibility_handover` is each change of holder (from, to, by, when, reason).
 * The task gets its escalation level (the daily dispatch raises a task open too long past its deadline up the
 * household's chain), when it was raised and to whom.
 */
export class Responsibility1765400000000 implements MigrationInterface {
  name = 'Responsibility1765400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = migrationColumns(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'responsibility',
        columns: [
          c.id(),
          c.varchar('scope_type', 20),
          c.uuid('scope_id'),
          c.varchar('role', 30),
          // A user (leaders) or an org unit (the backing unit): the role says which.
          c.uuid('holder_id'),
          c.instant('since'),
          c.uuid('set_by', { isNullable: true }),
        ],
        indices: [
          // The chain's joins look a role up by (scope, role): one row at most.
          new TableIndex({
            name: 'uq_responsibility_scope_role',
            columnNames: ['scope_type', 'scope_id', 'role'],
            isUnique: true,
          }),
          new TableIndex({ name: 'ix_responsibility_holder', columnNames: ['holder_id'] }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'responsibility_handover',
        columns: [
          c.id(),
          c.varchar('scope_type', 20),
          c.uuid('scope_id'),
          c.varchar('role', 30),
          c.uuid('from_holder_id', { isNullable: true }),
          c.uuid('to_holder_id', { isNullable: true }),
          c.uuid('by_user_id', { isNullable: true }),
          c.instant('at'),
          c.varchar('reason', 200, { isNullable: true }),
        ],
        indices: [
          new TableIndex({
            name: 'ix_responsibility_handover_scope',
            columnNames: ['scope_type', 'scope_id', 'at'],
          }),
        ],
      }),
    );
    // Plain ALTER TABLEs on both databases: a constant default needs no table rebuild on SQLite.
    await queryRunner.query('ALTER TABLE "task" ADD COLUMN "escalation_level" integer NOT NULL DEFAULT 0');
    await queryRunner.query(
      `ALTER TABLE "task" ADD COLUMN "escalated_at" ${c.pg ? 'timestamptz' : 'datetime'} NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE "task" ADD COLUMN "escalated_to" ${c.pg ? 'uuid' : 'varchar(36)'} NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('task', 'escalated_to');
    await queryRunner.dropColumn('task', 'escalated_at');
    await queryRunner.dropColumn('task', 'escalation_level');
    await queryRunner.dropTable('responsibility_handover');
    await queryRunner.dropTable('responsibility');
  }
}
