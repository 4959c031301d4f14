// Preloaded into a worker child process (NODE_OPTIONS=--require …) by the test that kills a worker in the middle of
// the daily report: SLOW_REPORT_DATES=2026-11-05[,…] makes DailyReportService.compute for those dates wait
// SLOW_REPORT_MS (3000) first. compute runs after the step is claimed (job_runs 'running') and found no snapshot,
// and before the snapshot is stored, so a SIGKILL in that window is a kill in the middle of the step, every time.
// The class is patched when the app first loads its module (no change to load order). Test-only: production code
// has no such hook.
'use strict';
const { join } = require('node:path');

const dates = (process.env.SLOW_REPORT_DATES ?? '').split(',').filter(Boolean);
if (dates.length > 0) {
  const ms = Number(process.env.SLOW_REPORT_MS ?? 3000);
  const target = join(__dirname, '..', '..', '..', 'src', 'modules', 'daily-cycle', 'reports', 'daily-report.service.ts');
  require('./ts-register'); // NODE_OPTIONS preloads run before `-r ts-register.js`; this is the same module
  const load = require.extensions['.ts'];
  require.extensions['.ts'] = (module, filename) => {
    load(module, filename);
    if (filename !== target) return;
    const { DailyReportService } = module.exports;
    const compute = DailyReportService.prototype.compute;
    DailyReportService.prototype.compute = async function slowCompute(date) {
      if (dates.includes(date)) await new Promise((resolve) => setTimeout(resolve, ms));
      return compute.call(this, date);
    };
  };
}
