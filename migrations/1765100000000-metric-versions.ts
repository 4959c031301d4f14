import { MigrationInterface, QueryRunner } from 'typeorm';

const SNAPSHOTS = ['daily_report', 'weekly_bulletin'];

/**
 * The metric versions a stored daily report or weekly bulletin was computed with (docs/metrics.md), as JSON
 * `{ metricId: version }`. Rows stored before this migration keep null: "before versioning". A plain ALTER TABLE
 * on both databases (a nullable column needs no table rebuild on SQLite).
 */
export class MetricVersions1765100000000 implements MigrationInterface {
  name = 'MetricVersions1765100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of SNAPSHOTS)
      await queryRunner.query(`ALTER TABLE "${table}" ADD COLUMN "metric_versions" text NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of SNAPSHOTS) await queryRunner.dropColumn(table, 'metric_versions');
  }
}
