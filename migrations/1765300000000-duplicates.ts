import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { loadConfig } from '../src/config/app-config';
import { PiiCipher } from '../src/common/pii/pii-cipher';
import { migrationColumns } from '../src/database/migration-columns';

/** Rows per backfill statement round (each row is one UPDATE by primary key, in the migration's transaction). */
const BACKFILL_PAGE = 1000;

/**
 * Issue #16 part 3, duplicate people: the head's phone gets a keyed hash beside its ciphertext (like
 * `head_id_hash`), backfilled here, so the same phone is found without decrypting every household; members get an
 * index on (name, birth_date) for the same-name-same-birth-date lookup; `duplicate_pair` (the duplicates module)
 * holds each likely pair of people, its evidence and the commander's decision.
 */
export class Duplicates1765300000000 implements MigrationInterface {
  name = 'Duplicates1765300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = migrationColumns(queryRunner);
    // A plain ALTER TABLE on both databases: a nullable column needs no table rebuild on SQLite.
    await queryRunner.query('ALTER TABLE "household" ADD COLUMN "phone_hash" varchar(64) NULL');
    await this.backfillPhoneHashes(queryRunner);
    await queryRunner.createIndex(
      'household',
      new TableIndex({ name: 'ix_household_phone_hash', columnNames: ['phone_hash'] }),
    );
    await queryRunner.createIndex(
      'household_member',
      new TableIndex({ name: 'ix_member_name_birth_date', columnNames: ['name', 'birth_date'] }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'duplicate_pair',
        columns: [
          c.id(),
          // The two people by their resident-ID keyed hash: member rows are replaced on every edit, a person's ID
          // is what stays. pair_key is the two hashes in order, so a pair is stored once whichever side came first.
          c.varchar('pair_key', 129),
          c.varchar('person_a_hash', 64),
          c.varchar('person_b_hash', 64),
          c.uuid('household_a_id'),
          c.uuid('household_b_id'),
          c.varchar('name_a', 50),
          c.varchar('name_b', 50),
          c.varchar('birth_date_a', 10),
          c.varchar('birth_date_b', 10),
          c.varchar('relation_a', 20),
          c.varchar('relation_b', 20),
          c.varchar('reasons', 60),
          c.varchar('status', 20, { default: "'open'" }),
          c.uuid('decided_by', { isNullable: true }),
          c.instant('decided_at', { isNullable: true }),
          c.varchar('decision_note', 200, { isNullable: true }),
          c.uuid('kept_household_id', { isNullable: true }),
          c.instant('detected_at'),
          c.instant('updated_at'),
          c.integer('version', { default: '1' }),
        ],
        indices: [
          new TableIndex({
            name: 'uq_duplicate_pair_key',
            columnNames: ['pair_key'],
            isUnique: true,
          }),
          new TableIndex({ name: 'ix_duplicate_pair_household_a', columnNames: ['household_a_id'] }),
          new TableIndex({ name: 'ix_duplicate_pair_household_b', columnNames: ['household_b_id'] }),
          new TableIndex({ name: 'ix_duplicate_pair_status', columnNames: ['status', 'detected_at'] }),
        ],
      }),
    );
  }

  /** Every stored phone hashed with the PII key the application uses (nothing to do on an empty database). */
  private async backfillPhoneHashes(queryRunner: QueryRunner): Promise<void> {
    const pg = queryRunner.connection.driver.options.type === 'postgres';
    const [row] = await queryRunner.query('SELECT COUNT(*) AS n FROM household WHERE phone_enc IS NOT NULL');
    if (Number(row.n) === 0) return;
    const pii = new PiiCipher(loadConfig().piiKey);
    const update = `UPDATE household SET phone_hash = ${pg ? '$1' : '?'} WHERE id = ${pg ? '$2' : '?'}`;
    for (let after = ''; ;) {
      const rows: { id: string; phone_enc: string }[] = await queryRunner.query(
        `SELECT id, phone_enc FROM household WHERE phone_enc IS NOT NULL AND id > ${pg ? '$1' : '?'}
         ORDER BY id LIMIT ${BACKFILL_PAGE}`,
        [pg ? after || '00000000-0000-0000-0000-000000000000' : after],
      );
      if (rows.length === 0) return;
      for (const r of rows) await queryRunner.query(update, [pii.hash(pii.decrypt(r.phone_enc)), r.id]);
      after = rows[rows.length - 1].id;
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('duplicate_pair');
    await queryRunner.dropIndex('household_member', 'ix_member_name_birth_date');
    await queryRunner.dropIndex('household', 'ix_household_phone_hash');
    await queryRunner.dropColumn('household', 'phone_hash');
  }
}
