import { breakdowns, Cell, emptyFigures, percent, stageRows, totals } from '../report-builder';
import { STAGES } from '../../../households/household-stages';

const VILLAGES: Record<string, string> = { v1: '大兴寨村', v2: '坪滩村', v3: '德茹村' };
const nameOf = (id: string | null) => (id === null ? '未分组' : (VILLAGES[id] ?? id));
const byVillage = (cell: Cell) => cell.villageId;

describe('percent', () => {
  it('gives one decimal of the share, rounded half up', () => {
    expect(percent(1, 3)).toBe(33.3);
    expect(percent(2, 3)).toBe(66.7);
    expect(percent(1, 8)).toBe(12.5);
    expect(percent(3, 3)).toBe(100);
  });

  it('gives 0, not NaN or Infinity, when there is nothing to share', () => {
    expect(percent(0, 0)).toBe(0);
    expect(percent(5, 0)).toBe(0);
  });
});

describe('totals', () => {
  it('is all zeros without cells', () => {
    expect(totals([])).toEqual(emptyFigures());
  });

  it('adds every figure over the cells, a missing figure counting as zero', () => {
    const sum = totals([
      { villageId: 'v1', taskForceId: 'tf1', stage: 'registered', households: 3 },
      { villageId: 'v1', taskForceId: 'tf1', visits: 4, householdsVisited: 2, stageMoves: 1 },
      { villageId: 'v2', taskForceId: null, households: 2, intentChanges: 1, problemsOpened: 2 },
      { villageId: 'v2', taskForceId: null, problemsClosed: 1, problemsOverdue: 3 },
    ]);
    expect(sum).toEqual({
      households: 5,
      visits: 4,
      householdsVisited: 2,
      intentChanges: 1,
      stageMoves: 1,
      problemsOpened: 2,
      problemsClosed: 1,
      problemsOverdue: 3,
    });
  });
});

describe('breakdowns', () => {
  it('folds the cells of one village into one row, summing figures and stage counts', () => {
    const rows = breakdowns(
      [
        { villageId: 'v1', taskForceId: 'tf1', stage: 'registered', households: 2 },
        { villageId: 'v1', taskForceId: 'tf2', stage: 'registered', households: 1 },
        { villageId: 'v1', taskForceId: 'tf2', stage: 'paid', households: 4 },
        { villageId: 'v1', taskForceId: 'tf1', visits: 3, householdsVisited: 2 },
        { villageId: 'v1', taskForceId: 'tf2', visits: 1, householdsVisited: 1, problemsOverdue: 1 },
      ],
      byVillage,
      nameOf,
    );
    expect(rows).toEqual([
      {
        id: 'v1',
        name: '大兴寨村',
        households: 7,
        visits: 4,
        householdsVisited: 3,
        intentChanges: 0,
        stageMoves: 0,
        problemsOpened: 0,
        problemsClosed: 0,
        problemsOverdue: 1,
        stages: { registered: 3, paid: 4 },
      },
    ]);
  });

  it('lists no stage for figure-only cells or a stage cell without households', () => {
    const [row] = breakdowns(
      [
        { villageId: 'v1', taskForceId: null, visits: 2 },
        { villageId: 'v1', taskForceId: null, stage: 'surveyed', households: 0 },
      ],
      byVillage,
      nameOf,
    );
    expect(row.stages).toEqual({});
    expect(row.visits).toBe(2);
  });

  it('keeps the groups apart and the figures of one out of the other', () => {
    const rows = breakdowns(
      [
        { villageId: 'v1', taskForceId: null, stage: 'registered', households: 2, visits: 1 },
        { villageId: 'v2', taskForceId: null, stage: 'registered', households: 5, visits: 7 },
      ],
      byVillage,
      nameOf,
    );
    expect(rows.map((r) => [r.id, r.households, r.visits, r.stages])).toEqual([
      ['v1', 2, 1, { registered: 2 }],
      ['v2', 5, 7, { registered: 5 }],
    ]);
  });

  it('groups by whatever key the caller gives (task force here), a missing key as its own group', () => {
    const rows = breakdowns(
      [
        { villageId: 'v1', taskForceId: 'tf1', households: 1 },
        { villageId: 'v2', taskForceId: 'tf1', households: 2 },
        { villageId: 'v3', taskForceId: null, households: 4 },
      ],
      (cell) => cell.taskForceId,
      (id) => (id === null ? '未分组' : `工作组${id}`),
    );
    expect(rows.map((r) => [r.id, r.name, r.households])).toEqual([
      ['tf1', '工作组tf1', 3],
      [null, '未分组', 4],
    ]);
  });

  it('names each group once, from its id', () => {
    const nameOfSpy = jest.fn(nameOf);
    breakdowns(
      [
        { villageId: 'v1', taskForceId: null, households: 1 },
        { villageId: 'v1', taskForceId: null, visits: 1 },
      ],
      byVillage,
      nameOfSpy,
    );
    expect(nameOfSpy.mock.calls).toEqual([['v1']]);
  });

  it('sorts by Chinese name in pinyin order, namesakes by id', () => {
    const rows = breakdowns(
      [
        { villageId: 'v2', taskForceId: null, households: 1 }, // 坪滩村 píng
        { villageId: 'b', taskForceId: null, households: 1 }, // 大兴寨村 (namesake)
        { villageId: 'v3', taskForceId: null, households: 1 }, // 德茹村 dé
        { villageId: 'a', taskForceId: null, households: 1 }, // 大兴寨村 (namesake)
      ],
      byVillage,
      (id) => (id === 'a' || id === 'b' ? '大兴寨村' : nameOf(id)),
    );
    expect(rows.map((r) => [r.name, r.id])).toEqual([
      ['大兴寨村', 'a'],
      ['大兴寨村', 'b'],
      ['德茹村', 'v3'],
      ['坪滩村', 'v2'],
    ]);
  });

  it('gives nothing for no cells', () => {
    expect(breakdowns([], byVillage, nameOf)).toEqual([]);
  });
});

describe('stageRows', () => {
  it('lists every stage in order with its count, moves today and share of all households', () => {
    const rows = stageRows(
      new Map([
        ['registered', 1],
        ['paid', 3],
      ]),
      new Map([['paid', 2]]),
      8,
    );
    expect(rows.map((r) => r.stage)).toEqual([...STAGES]);
    expect(rows.find((r) => r.stage === 'registered')).toEqual({
      stage: 'registered',
      count: 1,
      today: 0,
      percent: 12.5,
    });
    expect(rows.find((r) => r.stage === 'paid')).toEqual({
      stage: 'paid',
      count: 3,
      today: 2,
      percent: 37.5,
    });
    expect(rows.find((r) => r.stage === 'closed')).toEqual({
      stage: 'closed',
      count: 0,
      today: 0,
      percent: 0,
    });
  });

  it('gives zero percentages, not NaN, with no households', () => {
    const rows = stageRows(new Map(), new Map(), 0);
    expect(rows.every((r) => r.count === 0 && r.today === 0 && r.percent === 0)).toBe(true);
  });
});

describe('breakdown stages', () => {
  it('lists a row’s stages in the lifecycle’s order, whatever order the cells came in', () => {
    const [row] = breakdowns(
      [
        { villageId: 'v1', taskForceId: null, stage: 'intent_collected', households: 1 },
        { villageId: 'v1', taskForceId: null, stage: 'registered', households: 2 },
        { villageId: 'v1', taskForceId: 'tf1', stage: 'surveyed', households: 1 },
      ],
      byVillage,
      nameOf,
    );
    expect(JSON.stringify(row.stages)).toBe('{"registered":2,"surveyed":1,"intent_collected":1}');
  });
});
