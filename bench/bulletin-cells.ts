/**
 * `npm run bench:bulletin-cells` — the drill-down of a stored weekly bulletin (issue #15 part 3) on the bench
 * database:
 * - stores the bulletin of BENCH_WEEK (default: the last week that ended before the last visit) if it has none;
 * - the first drill-down request (the week's rows computed with the bulletin's SQL, then kept) and p50/p95 of later
 *   pages (BulletinCellsService.page, as the controller calls it) over the totals and the ranking rows' counts,
 *   pages 1–5 of 20, as the command centre;
 * - whether each sampled list's total equals the bulletin's number (the counts; the percentages have none).
 * DATABASE_URL names the database (a COPY of a bench:seed one: the bulletin is stored in it). Prints one JSON object.
 */
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { AppModule } from '../src/app.module';
import { addDays, businessDate } from '../src/common/time/business-clock';
import { instant } from '../src/database/raw-query';
import { BulletinCellsService } from '../src/modules/bulletins/bulletin-cells.service';
import { WeeklyBulletinBody } from '../src/modules/bulletins/bulletin-builder';
import { BulletinsService } from '../src/modules/bulletins/bulletins.service';
import { BulletinCellsQueryDto } from '../src/modules/bulletins/dtos/bulletin-cells.dto';
import { benchActor, ms, pct } from './lib/in-process';

type Cell = Record<string, string>;

/** The counted numbers of a bulletin to sample: [query, the stored number]. */
function cellsOf(bulletin: WeeklyBulletinBody): [Cell, number][] {
  const t = bulletin.totals;
  const cells: [Cell, number][] = [
    [{ metric: 'households' }, t.households],
    [{ metric: 'closed' }, t.closed],
    [{ metric: 'closedOnTime' }, t.closedOnTime],
    [{ metric: 'overdueProblems' }, t.overdueProblems],
    [{ metric: 'overdueVisits' }, t.overdueVisits],
    [{ metric: 'supervised' }, t.supervised],
  ];
  const rankings: [string, keyof WeeklyBulletinBody['rankings']][] = [
    ['taskForce', 'taskForces'],
    ['township', 'townships'],
    ['village', 'villages'],
    ['unit', 'units'],
    ['cadre', 'cadres'],
  ];
  for (const [groupKind, key] of rankings)
    for (const row of bulletin.rankings[key].rows.slice(0, 10))
      for (const metric of ['households', 'closed', 'closedOnTime', 'overdue'] as const) {
        const figure = row[metric];
        if (figure !== null) cells.push([{ metric, groupKind, groupId: row.id }, figure]);
      }
  return cells;
}

async function main(): Promise<void> {
  process.env.JOB_SCHEDULES = 'false';
  const app = await NestFactory.createApplicationContext(AppModule, { logger: ['error', 'warn'] });
  const data = app.get(DataSource);
  const [{ last }] = await data.query('SELECT max(visited_at) AS last FROM visit');
  // The Monday of the last whole week before the last visit's date.
  const lastDate = businessDate(instant(last));
  const weekday = (new Date(`${lastDate}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday 0
  const week = process.env.BENCH_WEEK ?? addDays(lastDate, -weekday - 7);
  const bulletins = app.get(BulletinsService);
  let start = process.hrtime.bigint();
  const { status } = await bulletins.generate(week);
  const bulletinMs = ms(start);
  const bulletin = await bulletins.get(week);
  const [commander] = await data.query(`SELECT id, org_unit_id FROM app_user WHERE username = 'commander'`);
  const actor = benchActor(commander, 'commander');
  const cells = app.get(BulletinCellsService);
  const query = (cell: Cell, page = 1): BulletinCellsQueryDto =>
    Object.assign(new BulletinCellsQueryDto(), { page, pageSize: 20 }, cell);

  start = process.hrtime.bigint();
  await cells.page(actor, week, query({ metric: 'households' }));
  const firstMs = ms(start);
  const sample = cellsOf(bulletin);
  const pages: number[] = [];
  const wrong: unknown[] = [];
  for (let round = 0; round < 2; round++)
    for (const [cell, figure] of sample) {
      const page = 1 + ((round * 7 + pages.length) % 5);
      start = process.hrtime.bigint();
      const body = await cells.page(actor, week, query(cell, page));
      pages.push(ms(start));
      if (body.total !== figure) wrong.push({ cell, figure, total: body.total });
    }
  const [{ n }] = await data.query('SELECT count(*) AS n FROM household');
  console.log(
    JSON.stringify({
      driver: data.options.type,
      households: Number(n),
      week,
      bulletin: { status, ms: Math.round(bulletinMs) },
      firstRequestMs: Math.round(firstMs),
      laterPagesMs: { n: pages.length, p50: pct(pages, 50), p95: pct(pages, 95), max: pct(pages, 100) },
      totalsNotEqualToNumber: wrong,
      rssMb: Math.round(process.memoryUsage().rss / 1e6),
    }),
  );
  await app.close();
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
