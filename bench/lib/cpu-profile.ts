import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A preload for the API under test, toggled by SIGWINCH (enableShutdownHooks() takes SIGUSR2, and
 * `node --cpu-prof` only writes on a clean exit, which Nest's re-raised signal is not): the first signal
 * starts measuring, the second writes the results next to each other in bench/results/prof/:
 *
 * - BENCH_CPU_PROFILE=1: a V8 sampling profile (.cpuprofile; Chrome DevTools, or `npm run bench:profile`);
 * - BENCH_SQL_TRACE=1: every statement the sqlite3 / pg drivers run, by shape: count, total and max time
 *   from the call to its callback (queueing included), and how long transactions (BEGIN … COMMIT) lasted.
 */
const HOOK = `'use strict';
const inspector = require('node:inspector');
const fs = require('node:fs');
const path = require('node:path');
const { createRequire } = require('node:module');
const dir = process.env.BENCH_PROFILE_DIR;
const name = process.env.BENCH_PROFILE_NAME || 'api';
const cpu = process.env.BENCH_CPU_PROFILE === '1';
const sql = process.env.BENCH_SQL_TRACE === '1';
let running = false;
let n = 0;
let session = null;
let shapes = new Map();
let transactions = [];
const openTx = new Map();

function shape(text) {
  return String(text).replace(/\\s+/g, ' ').replace(/'[^']*'/g, '?').replace(/\\b\\d+\\b/g, '?').slice(0, 220);
}
function record(text, owner, started) {
  if (!running) return;
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const key = shape(text);
  const entry = shapes.get(key) || { count: 0, totalMs: 0, maxMs: 0 };
  entry.count += 1;
  entry.totalMs += ms;
  entry.maxMs = Math.max(entry.maxMs, ms);
  shapes.set(key, entry);
  if (/^(BEGIN|START TRANSACTION)/i.test(key)) openTx.set(owner, started);
  if (/^(COMMIT|ROLLBACK)/i.test(key) && openTx.has(owner)) {
    transactions.push(Number(process.hrtime.bigint() - openTx.get(owner)) / 1e6);
    openTx.delete(owner);
  }
}
if (sql) {
  const appRequire = createRequire(process.cwd() + '/');
  try {
    const sqlite3 = appRequire('sqlite3');
    for (const method of ['run', 'all', 'get', 'exec']) {
      const original = sqlite3.Database.prototype[method];
      sqlite3.Database.prototype[method] = function (text, ...rest) {
        const started = process.hrtime.bigint();
        const index = rest.findIndex((a) => typeof a === 'function');
        if (index >= 0) {
          const callback = rest[index];
          const db = this;
          rest[index] = function (...results) {
            record(text, db, started);
            return callback.apply(this, results);
          };
        }
        return original.call(this, text, ...rest);
      };
    }
  } catch (error) {}
  try {
    const pg = appRequire('pg');
    const original = pg.Client.prototype.query;
    pg.Client.prototype.query = function (config, values, callback) {
      const text = typeof config === 'string' ? config : config && config.text;
      const started = process.hrtime.bigint();
      const client = this;
      if (typeof values === 'function') { callback = values; values = undefined; }
      if (typeof callback === 'function') {
        return original.call(this, config, values, function (...results) {
          record(text, client, started);
          return callback.apply(this, results);
        });
      }
      const result = original.call(this, config, values);
      if (result && typeof result.then === 'function') {
        result.then(() => record(text, client, started), () => record(text, client, started));
      }
      return result;
    };
  } catch (error) {}
}

process.on('SIGWINCH', () => {
  if (!running) {
    running = true;
    shapes = new Map();
    transactions = [];
    if (cpu) {
      session = session || new inspector.Session();
      try { session.connect(); } catch (error) {}
      session.post('Profiler.enable', () =>
        session.post('Profiler.setSamplingInterval', { interval: 500 }, () => session.post('Profiler.start')),
      );
    }
    return;
  }
  running = false;
  n += 1;
  const base = path.join(dir, name + '-' + n);
  if (sql) {
    const sorted = transactions.slice().sort((a, b) => a - b);
    const at = (q) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : null);
    const statements = [...shapes].map(([text, s]) => ({ text, ...s, meanMs: s.totalMs / s.count }))
      .sort((a, b) => b.totalMs - a.totalMs);
    fs.writeFileSync(base + '.sql.json', JSON.stringify({
      statements,
      transactions: { count: sorted.length, totalMs: sorted.reduce((a, b) => a + b, 0), p50: at(0.5), p95: at(0.95), p99: at(0.99) },
    }, null, 2));
    console.error('sql trace written to ' + base + '.sql.json');
  }
  if (cpu) {
    session.post('Profiler.stop', (error, result) => {
      if (error) return console.error('cpu profile failed', error);
      fs.writeFileSync(base + '.cpuprofile', JSON.stringify(result.profile));
      console.error('cpu profile written to ' + base + '.cpuprofile');
    });
  }
});
`;

/** Writes the preload under data/ (git- and lint-ignored); results go to `resultsDir`/prof. */
export function writeProfileHook(root: string, resultsDir: string): { hook: string; profileDir: string } {
  const profileDir = join(resultsDir, 'prof');
  mkdirSync(profileDir, { recursive: true });
  mkdirSync(join(root, 'data'), { recursive: true });
  const hook = join(root, 'data', 'bench-measure-hook.cjs');
  writeFileSync(hook, HOOK);
  return { hook, profileDir };
}
