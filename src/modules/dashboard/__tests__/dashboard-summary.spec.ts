import { summarize } from '../dashboard-summary';

describe('dashboard summary folding', () => {
  const names = {
    name: (id: string) =>
      ({ v1: '大兴寨村', v2: '坪滩村', v3: '德茹村', t1: '矮寨镇', t2: '其他镇' })[id] ?? id,
    parentOf: (id: string) => ({ v1: 't1', v2: 't2', v3: 't1' })[id] ?? null,
  };
  const today = {
    visits: 3,
    householdsVisited: 2,
    advances: 2,
    rollbacks: 1,
    problemsOpened: 0,
    problemsClosed: 0,
    problemsOverdue: 0,
    approvalsPending: 0,
  };
  const row = (villageId: string, stage: string, light: string, households: number, onHold = 0) => ({
    villageId,
    stage,
    light,
    households,
    onHold,
  });

  it('counts stages and lights per village and overall, every stage present, villages by township then name', () => {
    const summary = summarize(
      [
        row('v2', 'registered', 'red', 2, 1),
        row('v1', 'registered', 'green', 1),
        row('v1', 'surveyed', 'yellow', 3),
        row('v3', 'closed', 'green', 2),
      ],
      today,
      names,
      '2026-11-25',
      new Date('2026-11-25T06:00:00Z'),
    );
    expect(summary.totals).toEqual({ households: 8, onHold: 1, lights: { green: 3, yellow: 3, red: 2 } });
    expect(summary.stages.map((s) => [s.stage, s.count, s.percent])).toEqual(
      expect.arrayContaining([
        ['registered', 3, 37.5],
        ['surveyed', 3, 37.5],
        ['closed', 2, 25],
        ['paid', 0, 0],
      ]),
    );
    expect(summary.villages.map((v) => v.villageName)).toEqual(['大兴寨村', '德茹村', '坪滩村']);
    expect(summary.villages[0]).toMatchObject({
      townshipName: '矮寨镇',
      households: 4,
      lights: { green: 1, yellow: 3, red: 0 },
    });
    expect(Object.keys(summary.villages[0].stages)).toHaveLength(12);
    expect(summary.today.stageMoves).toBe(3);
  });

  it('gives zeros, not NaN, when the caller sees no household', () => {
    const summary = summarize([], today, names, '2026-11-25', new Date());
    expect(summary.totals.households).toBe(0);
    expect(summary.stages.every((s) => s.count === 0 && s.percent === 0)).toBe(true);
    expect(summary.villages).toEqual([]);
  });
});
