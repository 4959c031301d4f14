import {
  BulletinWeek,
  cellList,
  indexWeek,
  itemKindOf,
  METRICS_IN,
  rowOf,
  seenBy,
  WeekHousehold,
  WeekProblem,
} from '../bulletin-cells';
import type { WeeklyBulletinBody } from '../bulletin-builder';

const household = (id: string, code: string, over: Partial<WeekHousehold> = {}): WeekHousehold => ({
  id,
  code,
  villageId: 'v1',
  townshipId: 't1',
  taskForceId: 'tf1',
  cadreId: 'c1',
  signed: false,
  progressed: false,
  overdueForVisit: false,
  ...over,
});

const problem = (id: string, householdCode: string | null, over: Partial<WeekProblem> = {}): WeekProblem => ({
  id,
  householdId: householdCode === null ? null : `h-${householdCode}`,
  householdCode,
  villageId: 'v1',
  townshipId: 't1',
  taskForceId: 'tf1',
  cadreId: 'c1',
  unitId: 'u1',
  category: 'compensation_dispute',
  severity: 'p3',
  status: 'assigned',
  dueAt: new Date('2026-11-25T02:00:00Z'),
  closedAt: null,
  closed: false,
  closedOnTime: false,
  overdue: false,
  ...over,
});

const week: BulletinWeek = indexWeek({
  households: [
    household('h3', 'C-3', { villageId: 'v2', townshipId: 't2', cadreId: 'c2', overdueForVisit: true }),
    household('h1', 'A-1', { signed: true, progressed: true }),
    household('h2', 'B-2', { cadreId: 'c2', taskForceId: null, overdueForVisit: true }),
  ],
  problems: [
    problem('p4', null, {
      villageId: null,
      townshipId: 't1',
      taskForceId: null,
      cadreId: null,
      overdue: true,
    }),
    // A problem's village is its own, not its household's (h3 is in v2, this problem in v1).
    problem('p3', 'C-3', { cadreId: 'c2', overdue: true }),
    problem('p1', 'A-1', { closed: true, closedOnTime: true, status: 'closed' }),
    problem('p2', 'B-2', { cadreId: 'c2', unitId: 'u2', closed: true, status: 'closed' }),
  ],
  supervised: [problem('p3', 'C-3', { cadreId: 'c2', overdue: true })],
});
const ids = (items: { id: string }[]) => items.map((item) => item.id);

describe('the list behind a number of the weekly bulletin', () => {
  it('orders households and problems by household code, problems of no household last', () => {
    expect(ids(week.households)).toEqual(['h1', 'h2', 'h3']);
    expect(ids(week.problems)).toEqual(['p1', 'p2', 'p3', 'p4']);
  });

  it('cuts the totals’ lists by the metric’s flag', () => {
    expect(ids(cellList(week, { metric: 'households' }))).toEqual(['h1', 'h2', 'h3']);
    expect(ids(cellList(week, { metric: 'signed' }))).toEqual(['h1']);
    expect(ids(cellList(week, { metric: 'progressed' }))).toEqual(['h1']);
    expect(ids(cellList(week, { metric: 'overdueVisits' }))).toEqual(['h2', 'h3']);
    expect(ids(cellList(week, { metric: 'closed' }))).toEqual(['p1', 'p2']);
    expect(ids(cellList(week, { metric: 'closedOnTime' }))).toEqual(['p1']);
    expect(ids(cellList(week, { metric: 'overdueProblems' }))).toEqual(['p3', 'p4']);
    expect(ids(cellList(week, { metric: 'supervised' }))).toEqual(['p3']);
  });

  it('cuts a row’s lists by the group the bulletin put each household and problem in', () => {
    const village = (metric: 'households' | 'overdue') =>
      ids(cellList(week, { metric, groupKind: 'village', groupId: 'v1' }));
    expect(village('households')).toEqual(['h1', 'h2']);
    expect(village('overdue')).toEqual(['p3']);
    // The township's own problem of no household counts for it.
    expect(ids(cellList(week, { metric: 'overdue', groupKind: 'township', groupId: 't1' }))).toEqual([
      'p3',
      'p4',
    ]);
    expect(ids(cellList(week, { metric: 'households', groupKind: 'taskForce', groupId: 'tf1' }))).toEqual([
      'h1',
      'h3',
    ]);
    expect(ids(cellList(week, { metric: 'closed', groupKind: 'unit', groupId: 'u2' }))).toEqual(['p2']);
  });

  it('gives a cadre’s 超期数 as households overdue for a visit, everyone else’s as overdue problems', () => {
    expect(ids(cellList(week, { metric: 'overdue', groupKind: 'cadre', groupId: 'c2' }))).toEqual([
      'h2',
      'h3',
    ]);
    expect(itemKindOf('overdue', 'cadre')).toBe('household');
    expect(itemKindOf('overdue', 'village')).toBe('problem');
    expect(itemKindOf('overdueVisits')).toBe('household');
    expect(itemKindOf('supervised')).toBe('problem');
    expect(ids(cellList(week, { metric: 'closed', groupKind: 'cadre', groupId: 'c2' }))).toEqual(['p2']);
  });

  it('opens in a row only the numbers the bulletin shows there', () => {
    expect(METRICS_IN.unit).toEqual(['closed', 'closedOnTime', 'overdue']);
    expect(METRICS_IN.totals).not.toContain('overdue');
    expect(METRICS_IN.village).not.toContain('supervised');
  });

  it('finds a row only in its own ranking', () => {
    const row = { id: 'v1' } as never;
    const rankings = { villages: { rows: [row] }, townships: { rows: [] } };
    const bulletin = { rankings } as unknown as WeeklyBulletinBody;
    expect(rowOf(bulletin, 'village', 'v1')).toBe(row);
    expect(rowOf(bulletin, 'township', 'v1')).toBeUndefined();
  });

  it('narrows a list to what the caller sees: households by code, a problem of none by its place', () => {
    const all = cellList(week, { metric: 'overdueProblems' });
    expect(all.filter(seenBy({ kind: 'all' }, null))).toHaveLength(2);
    const official = seenBy({ kind: 'org', orgUnitId: 't1' }, new Set(['A-1']));
    expect(ids(all.filter(official))).toEqual(['p4']);
    expect(ids(cellList(week, { metric: 'households' }).filter(official))).toEqual(['h1']);
    const cadre = seenBy({ kind: 'cadre', cadreId: 'c2' }, new Set(['C-3']));
    expect(ids(all.filter(cadre))).toEqual(['p3']);
    expect(all.filter(seenBy({ kind: 'none' }, new Set()))).toEqual([]);
  });
});
