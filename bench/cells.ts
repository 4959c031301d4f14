/**
 * `npm run bench:cells` — the drill-down of a stored daily report (issue #15 part 3) on the bench database:
 * - stores the report of BENCH_DATE (default: the day before the last visit) if it has none (DailyReportService);
 * - the first drill-down request (the past day computed at the report's instant, then kept) and p50/p95 of later
 *   pages (ReportCellsService.page, as the controller calls it) over a mix of cells: totals, stage counts, village,
 *   township and task force rows, cadres, pages 1–5 of 20, as the command centre; then a few as an official;
 * - whether each sampled list's total equals the stored figure.
 * DATABASE_URL names the database (a COPY of a bench:seed one: the report is stored in it). BENCH_REKEY=1 first
 * overwrites every household's encrypted resident ID and phone in that copy with one sample value encrypted under
 * this checkout's PII key (for a copy seeded under another key: the list items decrypt them to mask them; the cost
 * of a decryption does not depend on the value). Prints one JSON object.
 */
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { AppModule } from '../src/app.module';
import { addDays, businessDate } from '../src/common/time/business-clock';
import { PiiCipher } from '../src/common/pii/pii-cipher';
import { instant } from '../src/database/raw-query';
import { DailyReportService } from '../src/modules/daily-cycle/reports/daily-report.service';
import { ReportCellsService } from '../src/modules/daily-cycle/reports/report-cells.service';
import { ReportCellsQueryDto } from '../src/modules/daily-cycle/reports/dtos/report-cells.dto';
import { DailyReportBody } from '../src/modules/daily-cycle/reports/report-builder';
import { ReportRecomputeService } from '../src/modules/daily-cycle/reports/report-recompute.service';
import { benchActor, ms, pct } from './lib/in-process';

const FIGURES = [
  'households',
  'visits',
  'householdsVisited',
  'intentChanges',
  'stageMoves',
  'problemsOverdue',
];

/** The cells of a report to sample: [query, the stored figure]. */
function cellsOf(report: DailyReportBody): [Record<string, string>, number][] {
  const cells: [Record<string, string>, number][] = [];
  for (const [metric, figure] of Object.entries(report.totals)) cells.push([{ metric }, figure]);
  for (const row of report.stages) {
    cells.push([{ metric: 'households', stage: row.stage }, row.count]);
    cells.push([{ metric: 'stageMoves', stage: row.stage }, row.today]);
  }
  const rows: [string, typeof report.byVillage][] = [
    ['villageId', report.byVillage],
    ['townshipId', report.byTownship],
    ['taskForceId', report.byTaskForce],
  ];
  for (const [key, breakdown] of rows)
    for (const row of breakdown.slice(0, 8))
      for (const metric of FIGURES)
        cells.push([{ metric, [key]: row.id ?? 'none' }, row[metric as 'visits']]);
  for (const row of report.byCadre.slice(0, 20))
    for (const metric of ['assigned', 'visitedToday', 'overdueVisits'] as const)
      cells.push([{ metric, cadreId: row.cadreId }, row[metric]]);
  return cells;
}

async function main(): Promise<void> {
  process.env.JOB_SCHEDULES = 'false';
  const app = await NestFactory.createApplicationContext(AppModule, { logger: ['error', 'warn'] });
  const data = app.get(DataSource);
  const [{ last }] = await data.query('SELECT max(visited_at) AS last FROM visit');
  const date = process.env.BENCH_DATE ?? addDays(businessDate(instant(last)), -1);
  if (process.env.BENCH_REKEY === '1') {
    const pii = app.get(PiiCipher);
    await data.query(
      'UPDATE household SET head_id_enc = $1, phone_enc = $2'.replace(/\$\d/g, (m) =>
        data.options.type === 'postgres' ? m : '?',
      ),
      [pii.encrypt('433101199001011234'), pii.encrypt('13800001234')],
    );
  }
  const reports = app.get(DailyReportService);
  let start = process.hrtime.bigint();
  const { status } = await reports.generate(date);
  const reportMs = ms(start);
  const report = await reports.get(date);
  const [commander] = await data.query(`SELECT id, org_unit_id FROM app_user WHERE username = 'commander'`);
  const [official] = await data.query(
    `SELECT id, org_unit_id FROM app_user WHERE role = 'official' AND org_unit_id IS NOT NULL LIMIT 1`,
  );
  const asCommander = benchActor(commander, 'commander');
  const cells = app.get(ReportCellsService);
  const query = (cell: Record<string, string>, page = 1): ReportCellsQueryDto =>
    Object.assign(new ReportCellsQueryDto(), { page, pageSize: 20 }, cell);

  const gc = (globalThis as { gc?: () => void }).gc;
  const heapMb = () => {
    gc?.();
    return Math.round(process.memoryUsage().heapUsed / 1e6);
  };
  const heapBefore = heapMb();
  start = process.hrtime.bigint();
  await cells.page(asCommander, date, query({ metric: 'visits' }));
  const firstMs = ms(start);
  // What one kept day costs (with --expose-gc: live objects only).
  const dayHeapMb = heapMb() - heapBefore;

  const sample = cellsOf(report);
  const pages: number[] = [];
  const slowest: { cell: Record<string, string>; page: number; ms: number }[] = [];
  const wrong: unknown[] = [];
  for (let round = 0; round < 2; round++)
    for (const [cell, figure] of sample) {
      const page = 1 + ((round * 7 + pages.length) % 5);
      start = process.hrtime.bigint();
      const body = await cells.page(asCommander, date, query(cell, page));
      pages.push(ms(start));
      slowest.push({ cell, page, ms: Math.round(pages[pages.length - 1]) });
      if (body.total !== figure) wrong.push({ cell, figure, total: body.total });
    }
  const scoped: number[] = [];
  const asOfficial = benchActor(official, 'official');
  for (const [cell] of sample.filter(([cell]) => !cell.taskForceId).slice(0, 60)) {
    start = process.hrtime.bigint();
    await cells.page(asOfficial, date, query(cell));
    scoped.push(ms(start));
  }
  gc?.();
  const memory = process.memoryUsage();
  // A total that is not the stored figure: is it the stored report that differs from the events (the recompute)?
  const recomputed =
    wrong.length === 0 ? null : (await app.get(ReportRecomputeService).recompute(date)).differences;
  const [{ n }] = await data.query('SELECT count(*) AS n FROM household');
  console.log(
    JSON.stringify({
      driver: data.options.type,
      households: Number(n),
      date,
      report: { status, ms: Math.round(reportMs), generatedAt: report.generatedAt },
      firstRequestMs: Math.round(firstMs),
      laterPagesMs: { n: pages.length, p50: pct(pages, 50), p95: pct(pages, 95), max: pct(pages, 100) },
      officialPagesMs: {
        n: scoped.length,
        p50: pct(scoped, 50),
        p95: pct(scoped, 95),
        max: pct(scoped, 100),
      },
      totalsNotEqualToFigure: wrong,
      recomputeDifferences: recomputed,
      slowestPages: slowest.sort((a, b) => b.ms - a.ms).slice(0, 5),
      // After the pages, before the recompute (with --expose-gc, after a collection).
      memory: {
        gc: gc !== undefined,
        keptDayHeapMb: dayHeapMb,
        rssMb: Math.round(memory.rss / 1e6),
        heapUsedMb: Math.round(memory.heapUsed / 1e6),
      },
    }),
  );
  await app.close();
}

void main();
