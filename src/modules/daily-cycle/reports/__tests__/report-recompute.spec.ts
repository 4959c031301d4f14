import { foldFacts } from '../daily-report.repository';
import { PastDay, pastFactRows } from '../past-facts.repository';
import { buildDailyReport, DailyReportBody, ReportNames } from '../report-builder';
import { compareReports } from '../report-compare';

const names: ReportNames = {
  unitName: (id) => id ?? '未分组',
  townshipOf: (villageId) => (villageId ? 't1' : null),
  cadreName: (id) => id,
};
const window = {
  date: '2026-11-06',
  dayEnd: new Date('2026-11-06T16:00:00Z'),
  visitCutoff: new Date('2026-10-30T16:00:00Z'),
};
const household = (
  id: string,
  over: Partial<PastDay['households'] extends Map<string, infer H> ? H : never>,
) => ({
  id,
  code: id,
  villageId: 'v1',
  taskForceId: 'tf1',
  cadreId: 'c1',
  stage: 'registered',
  lastVisitAt: null,
  priority: false,
  ...over,
});

function day(): PastDay {
  const households = [
    household('h1', { lastVisitAt: new Date('2026-11-06T01:00:00Z'), stage: 'surveyed' }),
    household('h2', { priority: true }),
    household('h3', {
      villageId: 'v2',
      taskForceId: null,
      cadreId: 'c2',
      lastVisitAt: new Date('2026-10-01T00:00:00Z'),
    }),
  ];
  return {
    households: new Map(households.map((h) => [h.id, h])),
    visits: [
      { id: 'v1', householdId: 'h1' },
      { id: 'v2', householdId: 'h1' },
      { id: 'v3', householdId: 'h2' },
    ],
    moves: [{ id: 'm1', householdId: 'h1', toStage: 'surveyed', kind: 'advance' }],
    intents: [{ id: 'i1', householdId: 'h3' }],
    problems: [
      { id: 'p1', householdId: 'h3', villageId: 'v9', overdue: true, opened: true, closed: false },
      { id: 'p2', householdId: null, villageId: 'v1', overdue: false, opened: false, closed: true },
    ],
    pendingApprovals: [
      { id: 'a1', householdId: 'h1' },
      { id: 'a2', householdId: 'h3' },
    ],
  };
}

const report = (d: PastDay): DailyReportBody =>
  buildDailyReport(
    { date: window.date, generatedAt: new Date('2026-11-06T10:00:00Z'), auditCheckpoint: null },
    foldFacts(pastFactRows(d, window)),
    names,
  );

describe('a past day folded into the report (pastFactRows)', () => {
  it('counts households by where they were, visits and distinct households visited, and the cadres’ load', () => {
    const body = report(day());
    expect(body.totals).toMatchObject({
      households: 3,
      visits: 3,
      householdsVisited: 2,
      stageMoves: 1,
      intentChanges: 1,
      problemsOpened: 1,
      problemsClosed: 1,
      problemsOverdue: 1,
      approvalsPending: 2,
      priorityHouseholdsTouched: 1,
    });
    const v1 = body.byVillage.find((row) => row.id === 'v1')!;
    expect(v1).toMatchObject({
      households: 2,
      visits: 3,
      householdsVisited: 2,
      problemsClosed: 1,
      stageMoves: 1,
    });
    expect(v1.stages).toEqual({ registered: 1, surveyed: 1 });
    // A household's problem follows the household's village then, not the problem's own column.
    expect(body.byVillage.find((row) => row.id === 'v2')).toMatchObject({
      problemsOverdue: 1,
      intentChanges: 1,
    });
    expect(body.byVillage.find((row) => row.id === 'v9')).toBeUndefined();
    expect(body.byCadre).toEqual([
      { cadreId: 'c1', displayName: 'c1', assigned: 2, visitedToday: 2, overdueVisits: 1 },
      { cadreId: 'c2', displayName: 'c2', assigned: 1, visitedToday: 0, overdueVisits: 1 },
    ]);
    expect(body.stages.find((row) => row.stage === 'surveyed')).toMatchObject({ count: 1, today: 1 });
  });
});

describe('compareReports', () => {
  it('finds nothing between a report and itself', () => {
    expect(compareReports(report(day()), report(day()))).toEqual([]);
  });

  it('names each figure that differs: totals, stages, breakdown rows, cadres, and rows only one side has', () => {
    const changed = day();
    changed.visits.pop();
    changed.households.set('h4', household('h4', { villageId: 'v3', cadreId: 'c3' }));
    const differences = compareReports(report(day()), report(changed));
    expect(differences).toEqual(
      expect.arrayContaining([
        { path: 'totals.visits', stored: 3, recomputed: 2 },
        { path: 'totals.households', stored: 3, recomputed: 4 },
        { path: 'stages.registered.count', stored: 2, recomputed: 3 },
        { path: 'byVillage.v1.visits', stored: 3, recomputed: 2 },
        { path: 'byVillage.v3.households', stored: null, recomputed: 1 },
        { path: 'byVillage.v3.stages.registered', stored: null, recomputed: 1 },
        { path: 'byCadre.c1.visitedToday', stored: 2, recomputed: 1 },
        { path: 'byCadre.c3.assigned', stored: null, recomputed: 1 },
      ]),
    );
    expect(differences.map((d) => d.path)).not.toContain('byVillage.v2.households');
    // Names are today's, not figures.
    const renamed = report(day());
    renamed.byVillage[0].name = '改名村';
    expect(compareReports(report(day()), renamed)).toEqual([]);
  });
});
