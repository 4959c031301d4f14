/**
 * The "our own raw SQL" floor of `npm run bench:cycle` (bench/cycle.ts starts it, compiled, with IPC): the
 * statements DailyReportRepository.facts sends, as captured from the application, run one after the other
 * through the bare driver (sqlite3 or pg) in a process of its own, like ../shared/floor/raw-report.mjs:
 * no Nest, no TypeORM, the rows fetched and dropped.
 */
import { Client } from 'pg';
import * as sqlite3 from 'sqlite3';
import type { CapturedQuery } from './cycle-run';

export type RawCommand =
  | { cmd: 'open'; kind: 'sqlite' | 'postgres'; target: string; queries: CapturedQuery[] }
  | { cmd: 'run' }
  | { cmd: 'close' };

let exec: ((query: CapturedQuery) => Promise<unknown>) | null = null;
let close: (() => Promise<void>) | null = null;
let queries: CapturedQuery[] = [];

async function handle(message: RawCommand): Promise<unknown> {
  switch (message.cmd) {
    case 'open': {
      queries = message.queries;
      if (message.kind === 'postgres') {
        const client = new Client({ connectionString: message.target });
        await client.connect();
        exec = (q) => client.query(q.sql, q.parameters);
        close = () => client.end();
      } else {
        const db = new sqlite3.Database(message.target, sqlite3.OPEN_READONLY);
        exec = (q) =>
          new Promise((resolve, reject) =>
            db.all(q.sql, q.parameters, (error, rows) => (error ? reject(error) : resolve(rows))),
          );
        close = () => new Promise((resolve) => db.close(() => resolve()));
      }
      return { opened: true };
    }
    case 'run': {
      if (!exec) throw new Error('not open');
      const perQuery: number[] = [];
      const start = process.hrtime.bigint();
      for (const query of queries) {
        const s = process.hrtime.bigint();
        await exec(query);
        perQuery.push(Number(process.hrtime.bigint() - s) / 1e6);
      }
      return { totalMs: Number(process.hrtime.bigint() - start) / 1e6, perQuery };
    }
    case 'close':
      await close?.();
      exec = null;
      return { closed: true };
  }
}

if (!process.send) throw new Error('bench/cycle-raw is started by bench/cycle.ts (it needs an IPC channel)');
process.on('message', (message: RawCommand) => {
  handle(message).then(
    (result) => {
      process.send!({ ok: true, result });
      if (message.cmd === 'close') process.disconnect();
    },
    (error: unknown) =>
      process.send!({
        ok: false,
        error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      }),
  );
});
process.send({ ready: true });
