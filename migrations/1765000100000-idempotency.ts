import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { migrationColumns } from '../src/database/migration-columns';

/**
 * Idempotency-Key on the phone's writes (intent, problem, stage request): one row per (user, key), inserted in the
 * write's own transaction, then completed with the answer to replay. Rows older than 7 days are ignored and
 * purged (see IdempotencyRepository.purgeExpired).
 */
export class Idempotency1765000100000 implements MigrationInterface {
  name = 'Idempotency1765000100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = migrationColumns(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'idempotency_key',
        columns: [
          c.uuid('user_id', { isPrimary: true }),
          c.varchar('key', 100, { isPrimary: true }),
          c.varchar('request_hash', 64),
          c.integer('status_code', { isNullable: true }),
          c.text('response', { isNullable: true }),
          c.instant('created_at'),
        ],
        indices: [new TableIndex({ name: 'ix_idempotency_key_created', columnNames: ['created_at'] })],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('idempotency_key');
  }
}
