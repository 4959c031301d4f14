/**
 * `npm run bench:escalation` — the 包保 matrix on the bench database (issue #16 part 1): gives it a matrix if it has
 * none (every village a 包村领导 and a 后盾单位, every task force a 工作队长, every 20th household its own 包村领导),
 * then runs review and dispatch for the cycle date, the next day, and the days when its tasks climb the chain:
 * 3 days past their due date (all of the first day's tasks at once, to the village leader: the worst day), the day
 * after (an ordinary day), and 6 days past (the task-force leader). Prints one JSON line per date
 * (`BENCH_MATRIX_ONLY=1`: gives the matrix and stops). It writes: run it on a copy (`cp relocation.sqlite esc.sqlite`, or CREATE DATABASE … TEMPLATE …). DATABASE_URL names the database.
 */
import { NestFactory } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AppModule } from '../src/app.module';
import { addDays, businessDate, Clock } from '../src/common/time/business-clock';
import { instant } from '../src/database/raw-query';
import { ReviewService } from '../src/modules/daily-cycle/review/review.service';
import { DispatchService } from '../src/modules/daily-cycle/tasks/dispatch.service';
import { EscalationService } from '../src/modules/daily-cycle/tasks/escalation.service';
import { ResponsibilityEntity } from '../src/modules/responsibility/entities/responsibility.entity';

const ms = (start: bigint) => Math.round(Number(process.hrtime.bigint() - start) / 1e6);

async function giveMatrix(data: DataSource, since: Date): Promise<number> {
  const ids = async (sql: string) => ((await data.query(sql)) as { id: string }[]).map((r) => r.id);
  const [villages, forces, units, officials, commanders, households] = await Promise.all([
    ids("SELECT id FROM org_unit WHERE kind = 'village' ORDER BY id"),
    ids("SELECT id FROM org_unit WHERE kind = 'task_force' ORDER BY id"),
    ids("SELECT id FROM org_unit WHERE kind = 'unit' ORDER BY id"),
    ids("SELECT id FROM app_user WHERE role = 'official' ORDER BY id"),
    ids("SELECT id FROM app_user WHERE role = 'commander' ORDER BY id"),
    ids('SELECT id FROM household ORDER BY id'),
  ]);
  const row = (scopeType: string, scopeId: string, role: string, holderId: string) =>
    Object.assign(new ResponsibilityEntity(), {
      id: randomUUID(),
      scopeType,
      scopeId,
      role,
      holderId,
      since,
      setBy: null,
    });
  const rows = [
    ...villages.flatMap((id, i) => [
      row('village', id, 'village_leader', officials[i % officials.length]),
      row('village', id, 'backing_unit', units[i % units.length]),
    ]),
    ...forces.map((id, i) => row('task_force', id, 'task_force_leader', commanders[i % commanders.length])),
    ...households
      .filter((_, i) => i % 20 === 0)
      .map((id, i) => row('household', id, 'village_leader', officials[i % officials.length])),
  ];
  for (let i = 0; i < rows.length; i += 500)
    await data.getRepository(ResponsibilityEntity).insert(rows.slice(i, i + 500));
  return rows.length;
}

async function main(): Promise<void> {
  process.env.JOB_SCHEDULES = 'false';
  const app = await NestFactory.createApplicationContext(AppModule, { logger: ['error', 'warn'] });
  const data = app.get(DataSource);
  const [{ last }] = await data.query('SELECT max(visited_at) AS last FROM visit');
  const first = new Date(instant(last).getTime() + 60_000);
  const [{ n }] = await data.query('SELECT COUNT(*) AS n FROM responsibility');
  const matrix = Number(n) ? `${Number(n)} rows already` : `${await giveMatrix(data, first)} rows added`;
  console.log(JSON.stringify({ matrix }));
  // BENCH_MATRIX_ONLY=1: only the matrix (then bench:cycle measures review and dispatch with it; bench/README §17).
  if (process.env.BENCH_MATRIX_ONLY === '1') return void (await app.close());
  let now = first;
  app.get(Clock).now = () => new Date(now);
  const review = app.get(ReviewService);
  const dispatch = app.get(DispatchService);
  const escalation = app.get(EscalationService);
  const escalate = escalation.run.bind(escalation);
  let escalationMs = 0;
  escalation.run = async (date, at) => {
    const start = process.hrtime.bigint();
    const result = await escalate(date, at);
    escalationMs = ms(start);
    return result;
  };
  const day = businessDate(first);
  for (const offset of [0, 1, 4, 5, 7]) {
    const date = addDays(day, offset);
    now = new Date(first.getTime() + offset * 86_400_000);
    let start = process.hrtime.bigint();
    await review.run(date);
    const reviewMs = ms(start);
    start = process.hrtime.bigint();
    const result = await dispatch.run(date);
    console.log(JSON.stringify({ date, reviewMs, dispatchMs: ms(start), escalationMs, ...result }));
  }
  await app.close();
}

void main();
