/**
 * The API side of `npm run bench:cycle` (bench/cycle.ts starts it, compiled, with IPC; not run by hand).
 *
 * Boots the application context (NestFactory.createApplicationContext(AppModule)) on DATABASE_URL, with
 * JOB_SCHEDULES=false and no REDIS_URL, fixes the clock at the cycle's "now", then does what the parent
 * asks: time DailyReportService.compute(date), hand over the exact SQL of DailyReportRepository.facts, run
 * generate(), ReviewService.run() and DispatchService.run() once each.
 */
import { NestFactory } from '@nestjs/core';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AppModule } from '../src/app.module';
import { APP_CONFIG, AppConfig } from '../src/config/app-config';
import { addDays, businessDate, Clock, startOfBusinessDate } from '../src/common/time/business-clock';
import { instant, num } from '../src/database/raw-query';
import { DailyReportRepository } from '../src/modules/daily-cycle/reports/daily-report.repository';
import { DailyReportService } from '../src/modules/daily-cycle/reports/daily-report.service';
import { ReviewService } from '../src/modules/daily-cycle/review/review.service';
import { DispatchService } from '../src/modules/daily-cycle/tasks/dispatch.service';
import { HouseholdDerived } from '../src/modules/households/household-derived.service';
import { HouseholdLinks } from '../src/modules/households/household-links';

export type CycleCommand =
  | { cmd: 'info' }
  | { cmd: 'capture' }
  | { cmd: 'compute' }
  | { cmd: 'facts' }
  | { cmd: 'generate' }
  | { cmd: 'review' }
  | { cmd: 'dispatch' }
  | { cmd: 'advance' }
  | { cmd: 'plan'; days: number }
  | { cmd: 'lights' }
  | { cmd: 'exit' };

export interface CapturedQuery {
  sql: string;
  parameters: unknown[];
}

const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;
const memory = () => ({
  rssMb: process.memoryUsage().rss / 2 ** 20,
  /** the kernel's peak resident set of this process so far */
  maxRssMb: process.resourceUsage().maxRSS / 1024,
});

async function main(): Promise<void> {
  if (!process.send)
    throw new Error('bench/cycle-run is started by bench/cycle.ts (it needs an IPC channel)');
  const send = (message: unknown) => process.send!(message);
  const bootStart = process.hrtime.bigint();
  const app = await NestFactory.createApplicationContext(AppModule, { logger: ['error', 'warn'] });
  const bootMs = ms(bootStart);
  const config = app.get<AppConfig>(APP_CONFIG);
  const dataSource = app.get(DataSource);
  const q = (sql: string) => dataSource.query(sql) as Promise<Record<string, unknown>[]>;

  // The cycle's "now": given, or just after the last visit in the data (the generator's --now).
  const [{ last }] = await q('SELECT max(visited_at) AS last FROM visit');
  let now = process.env.BENCH_NOW
    ? new Date(process.env.BENCH_NOW)
    : new Date(instant(last).getTime() + 60_000);
  if (Number.isNaN(now.getTime())) throw new Error(`bad BENCH_NOW ${process.env.BENCH_NOW}`);
  const clock = app.get(Clock);
  clock.now = () => new Date(now);
  let date = process.env.BENCH_DATE || businessDate(now, config.businessTimeZone);
  const windowOf = (day: string) => {
    const dayEnd = startOfBusinessDate(addDays(day, 1));
    const visitCutoff = new Date(dayEnd.getTime() - config.lights.visitIntervalDays * 86_400_000);
    return { date: day, dayEnd, visitCutoff };
  };

  const reports = app.get(DailyReportService);
  const repository = app.get(DailyReportRepository);
  const review = app.get(ReviewService);
  const dispatch = app.get(DispatchService);

  const handle = async (message: CycleCommand) => {
    switch (message.cmd) {
      case 'info': {
        const count = async (sql: string) => num((await q(sql))[0].n);
        const visitsOnDate = num(
          (
            await dataSource.query(
              `SELECT count(*) AS n FROM visit WHERE business_date = ${dataSource.options.type === 'postgres' ? '$1' : '?'}`,
              [date],
            )
          )[0].n,
        );
        const migrations = await q('SELECT name FROM migrations ORDER BY timestamp');
        return {
          bootMs,
          now: now.toISOString(),
          date,
          visitsOnDate,
          households: await count('SELECT count(*) AS n FROM household'),
          visits: await count('SELECT count(*) AS n FROM visit'),
          problems: await count('SELECT count(*) AS n FROM problem'),
          migrations: migrations.map((m) => m.name as string),
          ...memory(),
        };
      }
      case 'capture': {
        // The statements facts() sends, as the driver gets them (named parameters already bound).
        const captured: CapturedQuery[] = [];
        const manager = dataSource.manager;
        const original = manager.query.bind(manager);
        manager.query = (async (sql: string, parameters?: unknown[]) => {
          captured.push({ sql, parameters: parameters ?? [] });
          return original(sql, parameters);
        }) as typeof manager.query;
        const start = process.hrtime.bigint();
        try {
          await repository.facts(windowOf(date));
        } finally {
          manager.query = original;
        }
        return { ms: ms(start), queries: captured, ...memory() };
      }
      case 'compute': {
        const start = process.hrtime.bigint();
        const body = await reports.compute(date);
        const elapsed = ms(start);
        // The figures without the run's timestamp, keys sorted (a breakdown's stage keys come in the order the
        // database returned its rows): equal digests, equal reports, across builds of one database.
        const canonical = (value: unknown): unknown =>
          Array.isArray(value)
            ? value.map(canonical)
            : value && typeof value === 'object'
              ? Object.fromEntries(
                  Object.keys(value)
                    .sort()
                    .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
                )
              : value;
        const digest = createHash('sha256')
          .update(JSON.stringify(canonical({ ...body, generatedAt: undefined })))
          .digest('hex')
          .slice(0, 16);
        return {
          ms: elapsed,
          digest,
          visits: body.totals.visits,
          householdsVisited: body.totals.householdsVisited,
          ...memory(),
        };
      }
      case 'facts': {
        // The same statements through TypeORM (rawQuery), without the names and the report building.
        const start = process.hrtime.bigint();
        await repository.facts(windowOf(date));
        return { ms: ms(start), ...memory() };
      }
      case 'generate': {
        const start = process.hrtime.bigint();
        const generated = await reports.generate(date);
        return { step: 'generate', ms: ms(start), status: generated.status, ...memory() };
      }
      case 'plan': {
        // Every village gets a move date `days` after the cycle date (issue #16 part 2: the review with the plan).
        const moveDate = addDays(date, message.days);
        const [admin] = await q("SELECT id FROM app_user WHERE role = 'admin' ORDER BY created_at LIMIT 1");
        const pg = dataSource.options.type === 'postgres';
        await dataSource.query(
          `INSERT INTO village_plan (village_id, move_date, reason, updated_by, updated_at, version)
           SELECT id, ${pg ? '$1' : '?'}, 'bench', ${pg ? '$2' : '?'}, ${pg ? '$3' : '?'}, 1
             FROM org_unit WHERE kind = 'village'`,
          [moveDate, admin.id, pg ? now : now.toISOString().replace('T', ' ').replace('Z', '')],
        );
        const [{ n }] = await q('SELECT count(*) AS n FROM village_plan');
        // As PUT /villages/:id/move-date does: the lights replanned at once, so the review starts from them.
        const start = process.hrtime.bigint();
        const replanned = await app.get(HouseholdDerived).recomputeLights(now);
        // What the plan adds to a review: forReview (paces measured and stored, move dates read), three times.
        const forReviewMs: number[] = [];
        for (let i = 0; i < 3; i++) {
          const started = process.hrtime.bigint();
          await app.get(HouseholdLinks).plan.forReview(now);
          forReviewMs.push(ms(started));
        }
        return { moveDate, villages: num(n), replanMs: ms(start), changed: replanned.changed, forReviewMs };
      }
      case 'review': {
        const start = process.hrtime.bigint();
        const reviewed = await review.run(date);
        return {
          step: 'review',
          ms: ms(start),
          status: reviewed.status,
          households: reviewed.review.households,
          lightsChanged: reviewed.review.lightsChanged,
          lights: reviewed.review.lights,
          overdue: reviewed.review.overdue,
          ...memory(),
        };
      }
      case 'lights': {
        // Every light recomputed again at the same instant, outside the review's snapshot: with nothing left to
        // change, this is the review's own compute (issue #16 part 2: with and without the plan).
        const start = process.hrtime.bigint();
        const recomputed = await app.get(HouseholdDerived).recomputeLights(now);
        return { step: 'lights', ms: ms(start), changed: recomputed.changed, ...memory() };
      }
      case 'dispatch': {
        const start = process.hrtime.bigint();
        const dispatched = await dispatch.run(date);
        return { step: 'dispatch', ms: ms(start), ...dispatched, ...memory() };
      }
      case 'advance': {
        // The next day's cycle, same time of day: what a dispatch costs once yesterday's tasks carry over.
        now = new Date(now.getTime() + 86_400_000);
        date = addDays(date, 1);
        return { now: now.toISOString(), date };
      }
      case 'exit':
        await app.close();
        return { closed: true };
    }
  };

  process.on('message', (message: CycleCommand) => {
    handle(message).then(
      (result) => {
        send({ ok: true, cmd: message.cmd, result });
        if (message.cmd === 'exit') process.disconnect();
      },
      (error: unknown) =>
        send({
          ok: false,
          cmd: message.cmd,
          error: error instanceof Error ? (error.stack ?? error.message) : String(error),
        }),
    );
  });
  send({ ready: true });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
