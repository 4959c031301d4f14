/**
 * `npm run bench:history` — any past date on the bench database (issue #15): the time of
 * - `?asOf=` for one household (PastHouseholdsService.one), over 200 households picked at random;
 * - a past day's report recomputed from the events (ReportRecomputeService.recompute), beside the raw SQL of the
 *   same query set (PastFactsRepository.rows: its statements run by the driver alone, nothing folded or named);
 * - the drill-down's day (PastFactsRepository.day: every household's past as a row).
 * DATABASE_URL names the database (a bench:seed one, migrated); BENCH_DATE the day (default: the day before the
 * last visit). Prints one JSON object. Figures on a shared 2-core machine: take the median of several runs.
 */
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { AppModule } from '../src/app.module';
import { addDays, businessDate, startOfBusinessDate } from '../src/common/time/business-clock';
import { instant } from '../src/database/raw-query';
import { PastHouseholdsService } from '../src/modules/history/past-households.service';
import { ReportRecomputeService } from '../src/modules/daily-cycle/reports/report-recompute.service';
import { PastFactsRepository } from '../src/modules/daily-cycle/reports/past-facts.repository';
import { ms, pct } from './lib/in-process';

async function main(): Promise<void> {
  process.env.JOB_SCHEDULES = 'false';
  const app = await NestFactory.createApplicationContext(AppModule, { logger: ['error', 'warn'] });
  const data = app.get(DataSource);
  const [{ last }] = await data.query('SELECT max(visited_at) AS last FROM visit');
  const date = process.env.BENCH_DATE ?? addDays(businessDate(instant(last)), -1);
  const at = new Date(startOfBusinessDate(addDays(date, 1)).getTime() - 1);
  const [{ n }] = await data.query('SELECT count(*) AS n FROM household');
  const ids: string[] = (await data.query('SELECT id FROM household ORDER BY random() LIMIT 200')).map(
    (r: { id: string }) => r.id,
  );

  const past = app.get(PastHouseholdsService);
  await past.one(ids[0], at);
  const asOf: number[] = [];
  for (const id of ids) {
    const start = process.hrtime.bigint();
    await past.one(id, at);
    asOf.push(ms(start));
  }

  const recompute = app.get(ReportRecomputeService);
  const facts = app.get(PastFactsRepository);
  const window = recompute.window(date);
  const runs: number[] = [];
  const runsCpu: number[] = [];
  const raw: number[] = [];
  const day: number[] = [];
  // CPU of this process (SQLite runs in its thread pool, so its work counts here; PostgreSQL's does not): on a
  // shared machine the wall time says how long a user waited, the CPU time what the work costs.
  const cpuMs = (since: NodeJS.CpuUsage) => {
    const used = process.cpuUsage(since);
    return Math.round((used.user + used.system) / 1000);
  };
  for (let i = 0; i < 3; i++) {
    let start = process.hrtime.bigint();
    const cpu = process.cpuUsage();
    await recompute.recompute(date);
    runs.push(ms(start));
    runsCpu.push(cpuMs(cpu));
    start = process.hrtime.bigint();
    await facts.rows(window, at);
    raw.push(ms(start));
    start = process.hrtime.bigint();
    await facts.day(window, at);
    day.push(ms(start));
  }
  console.log(
    JSON.stringify({
      driver: data.options.type,
      households: Number(n),
      date,
      asOfOneMs: { p50: pct(asOf, 50), p95: pct(asOf, 95), max: pct(asOf, 100) },
      recomputeMs: runs.map((v) => Math.round(v)),
      recomputeCpuMs: runsCpu,
      rowsSqlMs: raw.map((v) => Math.round(v)),
      pastDayMs: day.map((v) => Math.round(v)),
    }),
  );
  await app.close();
}

void main();
