import { foldFacts } from '../daily-report.repository';
import { PastDay, PastHousehold, pastFactRows } from '../past-facts.repository';
import { buildDailyReport, ReportNames } from '../report-builder';
import { cellList, CellQuery, indexDay } from '../report-cells';

const window = {
  date: '2026-11-06',
  dayEnd: new Date('2026-11-06T16:00:00Z'),
  visitCutoff: new Date('2026-10-30T16:00:00Z'),
};
const TOWNSHIP: Record<string, string> = { v1: 't1', v2: 't1', v3: 't2' };
const townshipOf = (villageId: string | null) => (villageId ? (TOWNSHIP[villageId] ?? null) : null);
const names: ReportNames = { unitName: (id) => id ?? '未分组', townshipOf, cadreName: (id) => id };

const household = (id: string, over: Partial<PastHousehold>): PastHousehold => ({
  id,
  code: `C-${id}`,
  villageId: 'v1',
  taskForceId: 'tf1',
  cadreId: 'c1',
  stage: 'registered',
  lastVisitAt: null,
  priority: false,
  ...over,
});

/** A day with a bit of everything: two visits of one household, a rollback, a problem of no household. */
function day(): PastDay {
  const households = [
    household('h1', { code: 'C-z9', lastVisitAt: new Date('2026-11-06T01:00:00Z'), stage: 'surveyed' }),
    household('h2', { priority: true }),
    household('h3', { villageId: 'v2', taskForceId: null, cadreId: 'c2', stage: 'closed' }),
    household('h4', { villageId: 'v3', cadreId: null, lastVisitAt: new Date('2026-11-01T00:00:00Z') }),
  ];
  return {
    households: new Map(households.map((h) => [h.id, h])),
    visits: [
      { id: 'v-2', householdId: 'h1' },
      { id: 'v-1', householdId: 'h1' },
      { id: 'v-3', householdId: 'h2' },
    ],
    moves: [
      { id: 'm1', householdId: 'h1', toStage: 'surveyed', kind: 'advance' },
      { id: 'm2', householdId: 'h4', toStage: 'registered', kind: 'rollback' },
    ],
    intents: [{ id: 'i1', householdId: 'h3' }],
    problems: [
      { id: 'p1', householdId: 'h3', villageId: 'v9', overdue: true, opened: true, closed: false },
      { id: 'p2', householdId: null, villageId: 'v3', overdue: false, opened: false, closed: true },
    ],
    pendingApprovals: [{ id: 'a1', householdId: 'h2' }],
  };
}

describe('the list behind a figure (report-cells)', () => {
  const past = day();
  const report = buildDailyReport(
    { date: window.date, generatedAt: new Date('2026-11-06T10:00:00Z'), auditCheckpoint: null },
    foldFacts(pastFactRows(past, window)),
    names,
  );
  const indexed = indexDay(past, window, townshipOf);
  const ids = (query: CellQuery) => cellList(indexed, query).map((thing) => thing.id);
  const count = (query: CellQuery) => cellList(indexed, query).length;

  it('has as many items as every figure of the report built from the same day', () => {
    const checks: [CellQuery, number][] = [];
    for (const [metric, figure] of Object.entries(report.totals))
      checks.push([{ metric: metric as CellQuery['metric'] }, figure]);
    for (const row of report.stages) {
      checks.push([{ metric: 'households', stage: row.stage }, row.count]);
      checks.push([{ metric: 'stageMoves', stage: row.stage }, row.today]);
    }
    const rows = [
      ['villageId', report.byVillage],
      ['townshipId', report.byTownship],
      ['taskForceId', report.byTaskForce],
    ] as const;
    for (const [key, breakdown] of rows)
      for (const row of breakdown) {
        for (const metric of [
          'households',
          'visits',
          'householdsVisited',
          'intentChanges',
          'stageMoves',
        ] as const)
          checks.push([{ metric, [key]: row.id }, row[metric]]);
        for (const metric of ['problemsOpened', 'problemsClosed', 'problemsOverdue'] as const)
          checks.push([{ metric, [key]: row.id }, row[metric]]);
        for (const [stage, n] of Object.entries(row.stages))
          checks.push([{ metric: 'households', stage, [key]: row.id }, n]);
      }
    for (const row of report.byCadre)
      for (const metric of ['assigned', 'visitedToday', 'overdueVisits'] as const)
        checks.push([{ metric, cadreId: row.cadreId }, row[metric]]);
    expect(checks.filter(([query, figure]) => count(query) !== figure)).toEqual([]);
    expect(checks.length).toBeGreaterThan(60);
  });

  it('lists households in code order and records by household, one item per record', () => {
    expect(ids({ metric: 'households' })).toEqual(['h2', 'h3', 'h4', 'h1']);
    expect(ids({ metric: 'visits' })).toEqual(['v-3', 'v-1', 'v-2']);
    expect(ids({ metric: 'householdsVisited' })).toEqual(['h2', 'h1']);
  });

  it('opens a stage’s `today` as the advances into it, and all moves without a stage', () => {
    expect(ids({ metric: 'stageMoves' })).toEqual(['m2', 'm1']);
    expect(ids({ metric: 'stageMoves', stage: 'registered' })).toEqual([]);
    expect(ids({ metric: 'today', stage: 'surveyed' })).toEqual(['m1']);
  });

  it('places a problem by its household, or by its own village without one', () => {
    expect(ids({ metric: 'problemsOverdue', villageId: 'v2' })).toEqual(['p1']);
    expect(ids({ metric: 'problemsClosed', townshipId: 't2' })).toEqual(['p2']);
    expect(ids({ metric: 'problemsClosed', taskForceId: null })).toEqual(['p2']);
  });

  it('counts only the households of a cadre in the cadre figures, and no closed one as overdue', () => {
    expect(ids({ metric: 'overdueVisits' })).toEqual(['h2']);
    expect(ids({ metric: 'assigned', cadreId: 'c2' })).toEqual(['h3']);
    expect(ids({ metric: 'priorityHouseholdsTouched' })).toEqual(['h2']);
  });
});
