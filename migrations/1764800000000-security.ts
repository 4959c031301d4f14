import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';
import { migrationColumns } from '../src/database/migration-columns';

/**
 * Issue "security and robustness": tokens a password change, role change or deactivation revokes; failed logins
 * counted per (username, client address); keyed checkpoints of the audit chain, so a deleted tail shows.
 */
export class Security1764800000000 implements MigrationInterface {
  name = 'Security1764800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = migrationColumns(queryRunner);
    await queryRunner.addColumn('app_user', new TableColumn(c.integer('token_version', { default: '1' })));
    await queryRunner.addColumn(
      'login_failure',
      new TableColumn(c.varchar('client', 64, { isNullable: true })),
    );
    await queryRunner.createIndex(
      'login_failure',
      new TableIndex({
        name: 'ix_login_failure_username_client_at',
        columnNames: ['username', 'client', 'at'],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'audit_checkpoint',
        columns: [
          c.serial(),
          c.integer('seal_index'),
          c.varchar('head_hash', 64),
          c.varchar('mac', 64),
          c.instant('at'),
        ],
        indices: [new TableIndex({ name: 'ix_audit_checkpoint_seal', columnNames: ['seal_index'] })],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('audit_checkpoint');
    await queryRunner.dropIndex('login_failure', 'ix_login_failure_username_client_at');
    await queryRunner.dropColumn('login_failure', 'client');
    await queryRunner.dropColumn('app_user', 'token_version');
  }
}
