// @ts-check
/**
 * StrykerJS mutation testing of the pure logic (no database, no Nest): would the unit tests notice a bug?
 * Run with `npm run mutation` (slow, not part of CI); reports land in reports/mutation/ (git-ignored).
 *
 * The eight pure files mutated:
 *   - src/common/pii/resident-id.ts          resident-ID (GB 11643) format, birth date and check digit
 *   - src/common/pii/masking.ts              masking of resident IDs and phone numbers (audit, lists)
 *   - src/modules/households/lights.ts       the red/yellow/green household lights rules
 *   - src/modules/problems/problem-states.ts the problem state table (who may move a problem where)
 *   - src/modules/stages/stage-machine.ts    the relocation stage machine
 *   - src/modules/daily-cycle/reports/report-builder.ts  the daily report's figures, breakdowns and percentages
 *   - src/modules/bulletins/bulletin-metrics.ts   bulletin metrics (completion, on-time rate, ranking)
 *   - src/modules/dashboard/dashboard-summary.ts  the dashboard's summary figures
 *
 * Only the `unit` Jest project runs (tests in __tests__ folders beside the code); the e2e project needs databases.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const jestConfig = require('./jest.config.js');
const unit = jestConfig.projects.find((/** @type {{ displayName: string }} */ p) => p.displayName === 'unit');

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: 'npm',
  testRunner: 'jest',
  jest: {
    projectType: 'custom',
    configFile: 'jest.config.js',
    // The unit project alone, flattened: `projects: []` replaces the file's two projects.
    config: { ...unit, projects: [], testTimeout: jestConfig.testTimeout },
    enableFindRelatedTests: true,
  },
  checkers: ['typescript'],
  tsconfigFile: 'tsconfig.json',
  coverageAnalysis: 'perTest',
  concurrency: 2,
  mutate: [
    'src/common/pii/resident-id.ts',
    'src/common/pii/masking.ts',
    'src/modules/households/lights.ts',
    'src/modules/problems/problem-states.ts',
    'src/modules/stages/stage-machine.ts',
    'src/modules/daily-cycle/reports/report-builder.ts',
    'src/modules/bulletins/bulletin-metrics.ts',
    'src/modules/dashboard/dashboard-summary.ts',
  ],
  // The sandbox needs the TypeScript sources only (node_modules is linked, not copied).
  ignorePatterns: [
    '/web',
    '/tools',
    '/dist',
    '/data',
    '/coverage',
    '/docs',
    '/reports',
    '/bench/results',
    '*.sqlite*',
  ],
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  thresholds: { high: 90, low: 80, break: null },
  timeoutMS: 10000,
};
