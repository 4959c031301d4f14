// Preloaded into a worker child process (NODE_OPTIONS=--require …) by tests that need the worker's "now" somewhere
// else than the real clock: a scheduled run for a date still to come on the real calendar, without waiting for it.
// FAKE_CLOCK_FILE holds an offset in milliseconds from the real clock; it is read at start and every 50 ms, so the
// test can move the clock of running workers (every worker reading one file shares one clock). Only the current
// instant moves (`new Date()`, `Date()`, `Date.now()`); timers, and Redis's own TTLs, keep real time.
// Test-only: production code has no such hook (src/ takes "now" from the Clock provider and `new Date()`).
'use strict';
const fs = require('node:fs');

const file = process.env.FAKE_CLOCK_FILE;
if (file) {
  const RealDate = Date;
  let offset = 0;
  const read = () => {
    try {
      const value = Number(fs.readFileSync(file, 'utf8'));
      if (Number.isFinite(value)) offset = value;
    } catch {
      // keep the last offset (the test replaces the file atomically, so this is only a missing file)
    }
  };
  read();
  setInterval(read, 50).unref();
  const now = () => RealDate.now() + offset;
  function FakeDate(...args) {
    if (!new.target) return new RealDate(now()).toString();
    return args.length === 0 ? new RealDate(now()) : new RealDate(...args);
  }
  Object.setPrototypeOf(FakeDate, RealDate); // Date.parse, Date.UTC
  FakeDate.prototype = RealDate.prototype; // instanceof Date still holds
  FakeDate.now = now;
  globalThis.Date = FakeDate;
}
