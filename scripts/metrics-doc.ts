import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { METRICS_DOC_PATH, renderMetricsDoc } from '../src/modules/daily-cycle/metrics/metrics-doc';

/** `npm run metrics:doc`: writes docs/metrics.md's metric table from the table in code. */
const path = join(__dirname, '..', METRICS_DOC_PATH);
const current = readFileSync(path, 'utf8');
const next = renderMetricsDoc(current);
if (next === current) console.log(`${METRICS_DOC_PATH} is up to date`);
else {
  writeFileSync(path, next);
  console.log(`${METRICS_DOC_PATH} written`);
}
