import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { migrationColumns } from '../src/database/migration-columns';

/** Tables whose rows the phone copies: each row carries the change stamp of the transaction that last wrote it. */
const STAMPED = ['household', 'visit', 'problem', 'task'];

/** Who loses a row when its owner column changes or it is deleted: [table, owner column, kind]. */
const OWNED: [string, string, string][] = [
  ['household', 'cadre_id', 'household'],
  ['task', 'assignee_user_id', 'task'],
];

/**
 * Delta sync for the cadres' phones (GET /sync/pull). Every insert or update of a household, visit, problem or
 * task stamps the row's `change_seq`, and a household or task leaving its owner (reassigned, deleted) leaves a
 * `sync_removal` row. Triggers, not application code, so no write path (API, ledger import, daily review, demo
 * seed, key rotation, a worker process) can forget it. The stamp:
 * - PostgreSQL: the writing transaction's id (txid_current()). A pull's cursor is one below the oldest transaction
 *   still writing to this database (SyncRepository.currentSeq), so a write that commits after the pull read is above it.
 * - SQLite: a counter in `sync_clock`. Writers are serialized (BEGIN IMMEDIATE) and the pull reads inside the
 *   same queue, so the counter grows in commit order.
 * Raw ALTER TABLE rather than queryRunner.addColumn: on SQLite TypeORM rebuilds the table for that, dropping
 * its triggers. A later migration that rebuilds one of these tables on SQLite must create them again.
 */
export class Sync1765000000000 implements MigrationInterface {
  name = 'Sync1765000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = migrationColumns(queryRunner);
    for (const table of STAMPED) {
      await queryRunner.query(
        `ALTER TABLE "${table}" ADD COLUMN "change_seq" ${c.pg ? 'bigint' : 'integer'} NOT NULL DEFAULT 0`,
      );
    }
    await queryRunner.createIndex(
      'household',
      new TableIndex({ name: 'ix_household_cadre_change', columnNames: ['cadre_id', 'change_seq'] }),
    );
    await queryRunner.createIndex(
      'visit',
      new TableIndex({ name: 'ix_visit_change', columnNames: ['change_seq'] }),
    );
    await queryRunner.createIndex(
      'problem',
      new TableIndex({ name: 'ix_problem_change', columnNames: ['change_seq'] }),
    );
    await queryRunner.createIndex(
      'task',
      new TableIndex({ name: 'ix_task_assignee_change', columnNames: ['assignee_user_id', 'change_seq'] }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'sync_removal',
        columns: [
          c.serial(),
          c.varchar('kind', 20),
          c.uuid('entity_id'),
          c.uuid('user_id'),
          { name: 'seq', type: c.pg ? 'bigint' : 'integer' },
          c.instant('removed_at'),
        ],
        indices: [new TableIndex({ name: 'ix_sync_removal_user_seq', columnNames: ['user_id', 'seq'] })],
      }),
    );
    if (c.pg) await this.postgresTriggers(queryRunner);
    else await this.sqliteTriggers(queryRunner);
  }

  private async postgresTriggers(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE FUNCTION sync_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN NEW.change_seq := txid_current(); RETURN NEW; END $$`);
    // TG_ARGV: the owner column and the kind; to_jsonb reads the column by name for both tables.
    await queryRunner.query(`CREATE FUNCTION sync_owner_left() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE previous text := to_jsonb(OLD) ->> TG_ARGV[0];
      BEGIN
        IF previous IS NOT NULL AND (TG_OP = 'DELETE' OR previous IS DISTINCT FROM to_jsonb(NEW) ->> TG_ARGV[0]) THEN
          INSERT INTO sync_removal (kind, entity_id, user_id, seq, removed_at)
            VALUES (TG_ARGV[1], OLD.id, previous::uuid, txid_current(), now());
        END IF;
        RETURN NULL;
      END $$`);
    for (const table of STAMPED) {
      await queryRunner.query(`CREATE TRIGGER "${table}_sync_stamp" BEFORE INSERT OR UPDATE ON "${table}"
        FOR EACH ROW EXECUTE FUNCTION sync_stamp()`);
    }
    for (const [table, column, kind] of OWNED) {
      await queryRunner.query(`CREATE TRIGGER "${table}_sync_owner_left" AFTER UPDATE OF "${column}" OR DELETE
        ON "${table}" FOR EACH ROW EXECUTE FUNCTION sync_owner_left('${column}', '${kind}')`);
    }
  }

  private async sqliteTriggers(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'sync_clock',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true },
          { name: 'seq', type: 'integer' },
        ],
      }),
    );
    await queryRunner.query('INSERT INTO "sync_clock" ("id", "seq") VALUES (1, 0)');
    const tick = 'UPDATE "sync_clock" SET "seq" = "seq" + 1 WHERE "id" = 1;';
    const seq = '(SELECT "seq" FROM "sync_clock" WHERE "id" = 1)';
    const stamp = (table: string) =>
      `${tick} UPDATE "${table}" SET "change_seq" = ${seq} WHERE "id" = NEW."id";`;
    for (const table of STAMPED) {
      await queryRunner.query(
        `CREATE TRIGGER "${table}_sync_insert" AFTER INSERT ON "${table}" BEGIN ${stamp(table)} END`,
      );
      // The stamp's own UPDATE changes change_seq, so the WHEN keeps it from firing again.
      await queryRunner.query(`CREATE TRIGGER "${table}_sync_update" AFTER UPDATE ON "${table}"
        WHEN NEW."change_seq" IS OLD."change_seq" BEGIN ${stamp(table)} END`);
    }
    const removal = (kind: string, column: string) => `${tick}
      INSERT INTO "sync_removal" ("kind", "entity_id", "user_id", "seq", "removed_at")
        VALUES ('${kind}', OLD."id", OLD."${column}", ${seq}, strftime('%Y-%m-%d %H:%M:%f', 'now'));`;
    for (const [table, column, kind] of OWNED) {
      await queryRunner.query(`CREATE TRIGGER "${table}_sync_owner_changed" AFTER UPDATE OF "${column}" ON "${table}"
        WHEN OLD."${column}" IS NOT NULL AND NEW."${column}" IS NOT OLD."${column}"
        BEGIN ${removal(kind, column)} END`);
      await queryRunner.query(`CREATE TRIGGER "${table}_sync_deleted" AFTER DELETE ON "${table}"
        WHEN OLD."${column}" IS NOT NULL BEGIN ${removal(kind, column)} END`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const pg = queryRunner.connection.driver.options.type === 'postgres';
    if (pg) {
      for (const table of STAMPED)
        await queryRunner.query(`DROP TRIGGER "${table}_sync_stamp" ON "${table}"`);
      for (const [table] of OWNED)
        await queryRunner.query(`DROP TRIGGER "${table}_sync_owner_left" ON "${table}"`);
      await queryRunner.query('DROP FUNCTION sync_owner_left()');
      await queryRunner.query('DROP FUNCTION sync_stamp()');
    } else {
      for (const table of STAMPED) {
        await queryRunner.query(`DROP TRIGGER "${table}_sync_insert"`);
        await queryRunner.query(`DROP TRIGGER "${table}_sync_update"`);
      }
      for (const [table] of OWNED) {
        await queryRunner.query(`DROP TRIGGER "${table}_sync_owner_changed"`);
        await queryRunner.query(`DROP TRIGGER "${table}_sync_deleted"`);
      }
      await queryRunner.dropTable('sync_clock');
    }
    await queryRunner.dropTable('sync_removal');
    await queryRunner.dropIndex('task', 'ix_task_assignee_change');
    await queryRunner.dropIndex('problem', 'ix_problem_change');
    await queryRunner.dropIndex('visit', 'ix_visit_change');
    await queryRunner.dropIndex('household', 'ix_household_cadre_change');
    for (const table of STAMPED) await queryRunner.query(`ALTER TABLE "${table}" DROP COLUMN "change_seq"`);
  }
}
