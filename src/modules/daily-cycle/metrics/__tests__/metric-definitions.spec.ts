import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildDailyReport } from '../../reports/report-builder';
import { MetricCatalogue } from '../metric-catalogue';
import { checkMetricTable, MetricDefinition, METRICS, metricVersionsOf } from '../metric-definitions';
import { METRICS_DOC_PATH, renderMetricsDoc } from '../metrics-doc';
import { emittedMetricKeys } from '../metric-keys';

const ids = (document: 'daily_report' | 'weekly_bulletin') =>
  new Set(METRICS.filter((m) => m.documents.includes(document)).map((m) => m.id));

describe('metric table', () => {
  it('is what docs/metrics.md shows (npm run metrics:doc writes it)', () => {
    const current = readFileSync(join(__dirname, '..', '..', '..', '..', '..', METRICS_DOC_PATH), 'utf8');
    expect(renderMetricsDoc(current)).toBe(current);
  });

  it('defines every figure the daily report emits, and nothing it does not', () => {
    const report = buildDailyReport(
      { date: '2026-11-28', generatedAt: new Date('2026-11-28T10:00:00Z'), auditCheckpoint: null },
      {
        cells: [
          { villageId: 'v1', taskForceId: 'tf1', stage: 'surveyed', households: 2 },
          {
            villageId: 'v1',
            taskForceId: 'tf1',
            visits: 3,
            householdsVisited: 2,
            intentChanges: 1,
            stageMoves: 1,
            problemsOpened: 1,
            problemsClosed: 1,
            problemsOverdue: 1,
          },
        ],
        cadres: [{ cadreId: 'c1', assigned: 2, overdueVisits: 1, visitedToday: 2 }],
        movesToday: new Map([['surveyed', 1]]),
        approvalsPending: 1,
        priorityHouseholdsTouched: 1,
      },
      { unitName: (id) => id ?? '（未指定）', townshipOf: () => 't1', cadreName: (id) => id },
    );
    expect([...emittedMetricKeys(report)].sort()).toEqual([...ids('daily_report')].sort());
  });

  it('records a version per metric of each document, from 1', () => {
    const versions = metricVersionsOf('daily_report');
    expect(Object.keys(versions)).toEqual([...ids('daily_report')]);
    expect(Object.values(versions).every((version) => version >= 1)).toBe(true);
    expect(metricVersionsOf('weekly_bulletin')).toMatchObject({ completion: 1, onTimeRate: 1 });
  });

  it('answers a bumped table’s versions when given one instead of the file’s', () => {
    const bumped = METRICS.map((m) => (m.id === 'visits' ? { ...m, version: 2 } : m));
    expect(new MetricCatalogue(bumped).versionsOf('daily_report')).toMatchObject({
      visits: 2,
      households: 1,
    });
    expect(new MetricCatalogue().versionsOf('daily_report')).toMatchObject({ visits: 1 });
  });

  it('refuses a broken table: an id twice in a document, a version below 1, a missing definition', () => {
    const metric: MetricDefinition = {
      id: 'x',
      name: '某指标',
      definition: '某口径。',
      version: 1,
      documents: ['daily_report'],
    };
    expect(() => checkMetricTable([metric, metric])).toThrow(/twice/);
    expect(() => checkMetricTable([{ ...metric, version: 0 }])).toThrow(/version/);
    expect(() => checkMetricTable([{ ...metric, definition: '' }])).toThrow(/required/);
    expect(() => checkMetricTable([metric, { ...metric, documents: ['weekly_bulletin'] }])).not.toThrow();
    expect(() => checkMetricTable(METRICS)).not.toThrow();
  });
});
