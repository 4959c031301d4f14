import { buildBulletin } from '../bulletin-builder';
import {
  addFigures,
  bottomThree,
  completionPercent,
  emptyFigures,
  gainPoints,
  Group,
  GroupFigures,
  onTimeRate,
  rank,
  RANKING_RULES,
  sharePercent,
  SIGNED_STEP,
  stageStep,
  toRow,
  TOTAL_STEPS,
} from '../bulletin-metrics';
import { BulletinFacts } from '../bulletins.repository';

const group = (name: string, figures: Partial<GroupFigures>): Group => ({
  id: `id-${name}`,
  name,
  figures: { ...emptyFigures(), ...figures },
});

describe('weekly bulletin arithmetic', () => {
  it('counts stage steps from 已登记 (0) to 已销号 (11)', () => {
    expect(TOTAL_STEPS).toBe(11);
    expect(stageStep('registered')).toBe(0);
    expect(stageStep('agreement_signed')).toBe(5);
    expect(stageStep('closed')).toBe(11);
    expect(stageStep('nonsense')).toBe(0);
  });

  it('computes completion as the mean step over 11, to one decimal', () => {
    // One household signed (5), one closed (11): 16 / 22.
    expect(completionPercent(16, 2)).toBe(72.7);
    expect(completionPercent(11 * 3, 3)).toBe(100);
    expect(completionPercent(0, 4)).toBe(0);
    expect(completionPercent(0, 0)).toBeNull();
  });

  it('computes the week’s gain in percentage points over the same households, negative after rollbacks', () => {
    expect(gainPoints(1, 3, 2)).toBe(9.1); // 2 steps / 22
    expect(gainPoints(2, 1, 1)).toBe(-9.1);
    expect(gainPoints(4, 4, 3)).toBe(0);
    expect(gainPoints(0, 0, 0)).toBeNull();
    // Rounded from the exact difference, not from two rounded percentages (4.5 → 10.6 would say 6.1 too).
    expect(gainPoints(3, 7, 6)).toBe(6.1);
  });

  it('computes the on-time close rate, null when nothing was closed', () => {
    expect(onTimeRate(2, 3)).toBe(66.7);
    expect(onTimeRate(0, 2)).toBe(0);
    expect(onTimeRate(0, 0)).toBeNull();
  });

  it('ranks household groups by completion, then gain, overdue and on-time rate; equal figures share a rank', () => {
    const rows = rank(
      [
        group('丙村', { households: 1, stepsEnd: 1 }),
        group('甲村', { households: 2, stepsStart: 0, stepsEnd: 2 }),
        group('乙村', { households: 2, stepsStart: 2, stepsEnd: 2 }),
        group('丁村', { households: 1, stepsEnd: 1, overdue: 2 }),
        group('戊村', { households: 1, stepsEnd: 3 }),
      ],
      'households',
    );
    // 戊 leads; 甲 丙 丁 乙 have the same completion. 乙 gained nothing: last. 丁 has two overdue problems:
    // behind 甲 and 丙, which are equal in every figure and share rank 2 (listed by name, 丙 bǐng before 甲 jiǎ).
    expect(rows.map((r) => [r.rank, r.name, r.completion, r.gain, r.overdue])).toEqual([
      [1, '戊村', 27.3, 27.3, 0],
      [2, '丙村', 9.1, 9.1, 0],
      [2, '甲村', 9.1, 9.1, 0],
      [4, '丁村', 9.1, 9.1, 2],
      [5, '乙村', 9.1, 0, 0],
    ]);
    expect(rows.map((r) => r.rank)).toEqual([1, 2, 2, 4, 5]);
  });

  it('puts a missing on-time rate last', () => {
    const rows = rank(
      [
        group('A', { households: 1, closed: 0 }),
        group('B', { households: 1, closed: 2, closedOnTime: 0 }),
        group('C', { households: 1, closed: 1, closedOnTime: 1 }),
      ],
      'households',
    );
    expect(rows.map((r) => [r.rank, r.name, r.onTimeRate])).toEqual([
      [1, 'C', 100],
      [2, 'B', 0],
      [3, 'A', null],
    ]);
  });

  it('ranks units by overdue count, then on-time rate, then closed count; no households', () => {
    const rows = rank(
      [
        group('国土', { closed: 2, closedOnTime: 1, overdue: 0 }),
        group('水利', { closed: 1, closedOnTime: 1, overdue: 1 }),
        group('人社', { closed: 0, overdue: 1 }),
        group('住建', { closed: 3, closedOnTime: 3, overdue: 0 }),
      ],
      'units',
    );
    expect(rows.map((r) => [r.rank, r.name, r.onTimeRate, r.overdue])).toEqual([
      [1, '住建', 100, 0],
      [2, '国土', 50, 0],
      [3, '水利', 100, 1],
      [4, '人社', null, 1],
    ]);
    expect(rows[0]).toMatchObject({ households: null, completion: null, gain: null });
  });

  it('counts 已签约 and every later stage as signed', () => {
    expect(SIGNED_STEP).toBe(stageStep('agreement_signed'));
    expect(stageStep('intent_approved')).toBeLessThan(SIGNED_STEP);
    expect(stageStep('paid')).toBeGreaterThan(SIGNED_STEP);
  });

  it('computes a share to one decimal, null for no whole', () => {
    expect(sharePercent(1, 3)).toBe(33.3);
    expect(sharePercent(3, 3)).toBe(100);
    expect(sharePercent(0, 0)).toBeNull();
  });

  it('adds partial figures into a group, a missing figure as zero', () => {
    const into = { ...emptyFigures(), households: 2, overdue: 1 };
    const sum = addFigures(into, { households: 3, stepsEnd: 7, closedOnTime: 1 });
    expect(sum).toBe(into);
    expect(sum).toEqual({ ...emptyFigures(), households: 5, stepsEnd: 7, closedOnTime: 1, overdue: 1 });
  });

  it('shows a household group’s start and end completion, gain, signed share and problem figures', () => {
    const row = toRow(
      group('甲村', {
        households: 2,
        stepsStart: 2,
        stepsEnd: 6,
        signed: 1,
        closed: 4,
        closedOnTime: 3,
        overdue: 2,
      }),
      'households',
    );
    expect(row).toEqual({
      rank: 0,
      id: 'id-甲村',
      name: '甲村',
      households: 2,
      completionStart: 9.1,
      completion: 27.3,
      gain: 18.2,
      signedPercent: 50,
      closed: 4,
      closedOnTime: 3,
      onTimeRate: 75,
      overdue: 2,
    });
  });

  it('shows a unit only its problem figures', () => {
    expect(toRow(group('水利', { households: 3, closed: 2, closedOnTime: 1, overdue: 1 }), 'units')).toEqual({
      rank: 0,
      id: 'id-水利',
      name: '水利',
      households: null,
      completionStart: null,
      completion: null,
      gain: null,
      signedPercent: null,
      closed: 2,
      closedOnTime: 1,
      onTimeRate: 50,
      overdue: 1,
    });
  });

  it('ranks units with equal figures equally, more closed problems first, namesakes by id', () => {
    const rows = rank(
      [
        { id: 'b', name: '民政', figures: { ...emptyFigures(), closed: 1, closedOnTime: 1 } },
        { id: 'a', name: '民政', figures: { ...emptyFigures(), closed: 1, closedOnTime: 1 } },
        group('交通', { closed: 3, closedOnTime: 3 }),
        group('教育', {}),
        group('卫健', {}),
      ],
      'units',
    );
    expect(rows.map((r) => [r.rank, r.name, r.id])).toEqual([
      [1, '交通', 'id-交通'],
      [2, '民政', 'a'],
      [2, '民政', 'b'],
      [4, '教育', 'id-教育'],
      [4, '卫健', 'id-卫健'],
    ]);
  });

  it('ranks a unit with overdue problems below one without, however many it closed on time', () => {
    const rows = rank(
      [
        group('住建', { closed: 9, closedOnTime: 9, overdue: 1 }),
        group('国土', { closed: 1, closedOnTime: 0 }),
      ],
      'units',
    );
    expect(rows.map((r) => [r.rank, r.name])).toEqual([
      [1, '国土'],
      [2, '住建'],
    ]);
  });

  it('ranks groups without households (no completion) after the others, tied among themselves', () => {
    const rows = rank([group('乙', {}), group('甲', { households: 1 }), group('丙', {})], 'households');
    expect(rows.map((r) => [r.rank, r.name, r.completion])).toEqual([
      [1, '甲', 0],
      [2, '丙', null],
      [2, '乙', null],
    ]);
  });

  it('explains both ranking rules in Chinese', () => {
    expect(RANKING_RULES.households).toMatch(/^综合完成率从高到低/);
    expect(RANKING_RULES.units).toMatch(/^超期问题数从少到多/);
  });

  it('names the last three, everyone tied with the third-last, never the first place', () => {
    const ranked = (ranks: number[]) => ranks.map((r, i) => ({ rank: r, name: `n${i}` }) as never);
    const names = (rows: { name: string }[]) => rows.map((r) => r.name);
    expect(names(bottomThree(ranked([1, 2, 3, 4, 5])))).toEqual(['n2', 'n3', 'n4']);
    expect(names(bottomThree(ranked([1, 2, 2, 2, 5])))).toEqual(['n1', 'n2', 'n3', 'n4']);
    expect(names(bottomThree(ranked([1, 2])))).toEqual(['n1']);
    expect(names(bottomThree(ranked([1, 1, 1])))).toEqual([]);
    expect(names(bottomThree(ranked([1])))).toEqual([]);
    expect(bottomThree([])).toEqual([]);
  });
});

describe('buildBulletin', () => {
  const names = {
    unitName: (id: string) => ({ u1: '国土局', u2: '水利局', v1: '甲村', t1: '矮寨镇' })[id] ?? id,
    unitKind: (id: string) => (id.startsWith('u') ? 'unit' : 'village'),
    cadreName: (id: string) => `干部${id}`,
  };
  const problemCell = (over: Partial<BulletinFacts['problems'][number]>) => ({
    villageId: 'v1',
    townshipId: 't1',
    taskForceId: null,
    cadreId: 'c1',
    unitId: null,
    closed: 0,
    closedOnTime: 0,
    overdue: 0,
    active: 0,
    activeSinceBeforeStall: 0,
    ...over,
  });
  const facts: BulletinFacts = {
    households: [
      {
        villageId: 'v1',
        townshipId: 't1',
        taskForceId: null,
        cadreId: 'c1',
        households: 2,
        stepsStart: 1,
        stepsEnd: 3,
        signed: 0,
        overdueVisits: 1,
      },
    ],
    problems: [
      problemCell({ unitId: 'u1', closed: 2, closedOnTime: 1 }),
      problemCell({ unitId: 'u2', active: 2, overdue: 1, activeSinceBeforeStall: 1 }),
      problemCell({ unitId: 'u1', active: 1, activeSinceBeforeStall: 1 }),
    ],
    unitProgress: [
      { unitId: 'u1', lastProgressAt: new Date('2026-11-25T02:00:00Z'), inWindow: 3 },
      { unitId: 'u2', lastProgressAt: new Date('2026-10-01T02:00:00Z'), inWindow: 0 },
    ],
    supervised: [],
  };
  const body = buildBulletin(
    {
      weekStart: '2026-11-23',
      lastDate: '2026-11-29',
      weekEnd: new Date('2026-11-29T16:00:00Z'),
      stallWeeks: 2,
      generatedAt: new Date('2026-11-30T01:00:00Z'),
    },
    facts,
    names,
  );

  it('folds cells into totals and rankings; a group without an id (no task force) is not ranked', () => {
    expect(body.totals).toMatchObject({
      households: 2,
      completionStart: 4.5,
      completion: 13.6,
      gain: 9.1,
      closed: 2,
      closedOnTime: 1,
      onTimeRate: 50,
      overdueProblems: 1,
      overdueVisits: 1,
    });
    expect(body.rankings.taskForces.rows).toEqual([]);
    expect(body.rankings.villages.rows[0]).toMatchObject({ name: '甲村', closed: 2, overdue: 1 });
    // Cadres' overdue figure is households overdue for a visit.
    expect(body.rankings.cadres.rows[0]).toMatchObject({ name: '干部c1', overdue: 1 });
  });

  it('lists a unit as stalled only with old work and no progress in the window', () => {
    expect(body.stalledUnits).toEqual([
      { unitId: 'u2', name: '水利局', activeProblems: 2, lastProgressAt: '2026-10-01T02:00:00.000Z' },
    ]);
  });
});
