import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { migrationColumns } from '../src/database/migration-columns';

export class Registry1764300000000 implements MigrationInterface {
  name = 'Registry1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = migrationColumns(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'org_unit',
        columns: [
          c.id(),
          c.varchar('name', 100),
          c.varchar('kind', 20),
          c.uuid('parent_id', { isNullable: true }),
          c.varchar('code', 30, { isNullable: true }),
          c.instant('created_at'),
        ],
        indices: [
          new TableIndex({ name: 'ix_org_unit_parent', columnNames: ['parent_id'] }),
          new TableIndex({ name: 'uq_org_unit_code', columnNames: ['code'], isUnique: true }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'app_user',
        columns: [
          c.id(),
          c.varchar('username', 64),
          c.varchar('display_name', 100),
          c.varchar('password_hash', 255),
          c.varchar('role', 20),
          c.uuid('org_unit_id', { isNullable: true }),
          c.varchar('phone_enc', 255, { isNullable: true }),
          c.boolean('active', true),
          c.integer('version', { default: '1' }),
          c.instant('created_at'),
          c.instant('updated_at'),
        ],
        indices: [
          new TableIndex({ name: 'uq_app_user_username', columnNames: ['username'], isUnique: true }),
          new TableIndex({ name: 'ix_app_user_role', columnNames: ['role'] }),
          new TableIndex({ name: 'ix_app_user_org_unit', columnNames: ['org_unit_id'] }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'login_failure',
        columns: [c.serial(), c.varchar('username', 64), c.instant('at')],
        indices: [new TableIndex({ name: 'ix_login_failure_username_at', columnNames: ['username', 'at'] })],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'household',
        columns: [
          c.id(),
          c.varchar('code', 40),
          c.uuid('village_id'),
          c.uuid('township_id', { isNullable: true }),
          c.uuid('task_force_id', { isNullable: true }),
          c.varchar('group_name', 40, { isNullable: true }),
          c.varchar('head_name', 50),
          c.varchar('head_id_enc', 255),
          c.varchar('head_id_hash', 64),
          c.varchar('phone_enc', 255, { isNullable: true }),
          c.varchar('address', 200, { isNullable: true }),
          c.varchar('flags', 200, { default: "''" }),
          c.real('house_floor_area', { isNullable: true }),
          c.varchar('house_structure', 20, { isNullable: true }),
          c.uuid('cadre_id', { isNullable: true }),
          c.varchar('stage', 30, { default: "'registered'" }),
          c.instant('stage_changed_at'),
          c.varchar('intent_option', 30, { default: "'undecided'" }),
          c.varchar('intent_site', 100, { isNullable: true }),
          c.varchar('intent_livelihood', 30, { isNullable: true }),
          c.instant('intent_recorded_at', { isNullable: true }),
          c.boolean('on_hold', false),
          c.varchar('hold_reason', 20, { isNullable: true }),
          c.varchar('light', 10, { default: "'green'" }),
          c.varchar('light_reasons', 500, { default: "'[]'" }),
          c.instant('last_visit_at', { isNullable: true }),
          c.integer('open_problems', { default: '0' }),
          c.varchar('note', 500, { isNullable: true }),
          c.integer('version', { default: '1' }),
          c.instant('created_at'),
          c.instant('updated_at'),
        ],
        indices: [
          new TableIndex({ name: 'uq_household_code', columnNames: ['code'], isUnique: true }),
          new TableIndex({ name: 'ix_household_village_stage', columnNames: ['village_id', 'stage'] }),
          new TableIndex({ name: 'ix_household_cadre_code', columnNames: ['cadre_id', 'code'] }),
          new TableIndex({ name: 'ix_household_township_code', columnNames: ['township_id', 'code'] }),
          new TableIndex({ name: 'ix_household_task_force', columnNames: ['task_force_id'] }),
          new TableIndex({ name: 'ix_household_head_name', columnNames: ['head_name'] }),
          new TableIndex({ name: 'ix_household_head_id_hash', columnNames: ['head_id_hash'] }),
          new TableIndex({ name: 'ix_household_stage', columnNames: ['stage'] }),
          new TableIndex({ name: 'ix_household_light', columnNames: ['light'] }),
          new TableIndex({ name: 'ix_household_updated_at', columnNames: ['updated_at'] }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'household_member',
        columns: [
          c.id(),
          c.uuid('household_id'),
          c.varchar('name', 50),
          c.varchar('id_enc', 255),
          c.varchar('id_hash', 64),
          c.varchar('sex', 10),
          c.varchar('birth_date', 10),
          c.varchar('relation', 20),
          c.varchar('ethnicity', 2, { isNullable: true }),
          c.varchar('hukou_status', 20, { isNullable: true }),
          c.integer('position', { default: '0' }),
          c.instant('created_at'),
        ],
        indices: [
          new TableIndex({ name: 'ix_member_household', columnNames: ['household_id'] }),
          new TableIndex({ name: 'uq_member_id_hash', columnNames: ['id_hash'], isUnique: true }),
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
    await queryRunner.createTable(
      new Table({
        name: 'audit_entry',
        columns: [
          c.serial(),
          c.instant('at'),
          c.varchar('actor_id', 36, { isNullable: true }),
          c.varchar('actor_role', 20, { isNullable: true }),
          c.varchar('action', 40),
          c.varchar('entity_type', 40),
          c.varchar('entity_id', 64),
          c.varchar('household_id', 36, { isNullable: true }),
          c.text('changes', { default: "'{}'" }),
          c.varchar('request_id', 64, { isNullable: true }),
          c.integer('seal_index', { isNullable: true }),
          c.varchar('hash', 64, { isNullable: true }),
          c.varchar('prev_hash', 64, { isNullable: true }),
        ],
        indices: [
          new TableIndex({ name: 'ix_audit_at', columnNames: ['at'] }),
          new TableIndex({ name: 'ix_audit_actor', columnNames: ['actor_id'] }),
          new TableIndex({ name: 'ix_audit_entity', columnNames: ['entity_type', 'entity_id'] }),
          new TableIndex({ name: 'ix_audit_household', columnNames: ['household_id', 'id'] }),
          new TableIndex({ name: 'uq_audit_seal', columnNames: ['seal_index'], isUnique: true }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'audit_entry',
      'household_member',
      'household',
      'login_failure',
      'app_user',
      'org_unit',
    ]) {
      await queryRunner.dropTable(table);
    }
  }
}
