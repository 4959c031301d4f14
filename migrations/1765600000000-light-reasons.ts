import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { migrationColumns } from '../src/database/migration-columns';

/**
 * A household's light reasons move out of the household row into `household_light_reasons` (one narrow row per
 * household whose reasons are not empty), with a phones' change stamp of its own.
 *
 * Why: a write of the household row adds an entry to each of its 19 indexes (its light and its stamp are
 * indexed columns, so no light write is a HOT update on PostgreSQL): ≈ 0.1–0.14 ms a row there. Most of the
 * daily review's changes are reasons only (a red household gaining a second red reason: 16,520 of 24,948 on the
 * bench's next day); written to this table they cost ≈ 0.012 ms a row (bench/README §20). The colour stays on the
 * household row: the lists, the dashboard and the reports filter and count by it through their indexes.
 *
 * Also dropped: `ix_household_cadre_change (cadre_id, change_seq)`, which no plan reads (a cadre's pull finds the
 * cadre's few hundred households by `ix_household_cadre_code` and filters the stamp, whose `OR` with the visits
 * and problems is no index range) and which every household write paid for.
 *
 * Stamps as in migration 1765000000000-sync: PostgreSQL's `sync_stamp()` trigger; on SQLite the clock's triggers,
 * which stay out of a statement that sets the stamp itself (HouseholdDerivedRepository.saveLights). The stamp has
 * no index: a pull looks up the reasons of each of the cadre's households by key, and a rewrite of the reasons
 * changes no indexed column, so on PostgreSQL it is a HOT update (the table keeps 30 % of each page for them).
 */
export class LightReasons1765600000000 implements MigrationInterface {
  name = 'LightReasons1765600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = migrationColumns(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'household_light_reasons',
        columns: [
          { ...c.uuid('household_id'), isPrimary: true },
          c.varchar('reasons', 500),
          { name: 'change_seq', type: c.pg ? 'bigint' : 'integer', default: '0' },
        ],
        foreignKeys: [
          {
            columnNames: ['household_id'],
            referencedTableName: 'household',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
        ],
      }),
    );
    await queryRunner.query(
      `INSERT INTO "household_light_reasons" ("household_id", "reasons")
       SELECT "id", "light_reasons" FROM "household" WHERE "light_reasons" <> '[]'`,
    );
    // Raw ALTER TABLE: on SQLite TypeORM's dropColumn rebuilds the table, which would drop its sync triggers.
    await queryRunner.query('ALTER TABLE "household" DROP COLUMN "light_reasons"');
    await queryRunner.dropIndex('household', 'ix_household_cadre_change');
    if (c.pg) {
      // A rewrite of the reasons changes no indexed column (the stamp is not indexed: a pull probes each of the
      // cadre's households by key), so it can stay on its page as a HOT update when the page has room.
      await queryRunner.query('ALTER TABLE "household_light_reasons" SET (fillfactor = 70)');
      await queryRunner.query(`CREATE TRIGGER "household_light_reasons_sync_stamp" BEFORE INSERT OR UPDATE
        ON "household_light_reasons" FOR EACH ROW EXECUTE FUNCTION sync_stamp()`);
      return;
    }
    const stamp = `UPDATE "sync_clock" SET "seq" = "seq" + 1 WHERE "id" = 1;
      UPDATE "household_light_reasons" SET "change_seq" = (SELECT "seq" FROM "sync_clock" WHERE "id" = 1)
       WHERE "household_id" = NEW."household_id";`;
    await queryRunner.query(`CREATE TRIGGER "household_light_reasons_sync_insert" AFTER INSERT
      ON "household_light_reasons" WHEN NEW."change_seq" = 0 BEGIN ${stamp} END`);
    await queryRunner.query(`CREATE TRIGGER "household_light_reasons_sync_update" AFTER UPDATE
      ON "household_light_reasons" WHEN NEW."change_seq" IS OLD."change_seq" BEGIN ${stamp} END`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex(
      'household',
      new TableIndex({ name: 'ix_household_cadre_change', columnNames: ['cadre_id', 'change_seq'] }),
    );
    await queryRunner.query(
      `ALTER TABLE "household" ADD COLUMN "light_reasons" varchar(500) NOT NULL DEFAULT '[]'`,
    );
    await queryRunner.query(
      `UPDATE "household" SET "light_reasons" = (SELECT r."reasons" FROM "household_light_reasons" r
         WHERE r."household_id" = "household"."id")
       WHERE "id" IN (SELECT "household_id" FROM "household_light_reasons")`,
    );
    await queryRunner.dropTable('household_light_reasons');
  }
}
