import { summarize } from '../dashboard-summary';
import { STAGE_LABELS, STAGES } from '../../households/household-stages';

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
    householdsAdvanced: 2,
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

  it('stamps the business date and the time it was computed, and passes today’s figures through', () => {
    const summary = summarize([], today, names, '2026-11-25', new Date('2026-11-25T06:00:00Z'));
    expect(summary.date).toBe('2026-11-25');
    expect(summary.generatedAt).toBe('2026-11-25T06:00:00.000Z');
    expect(summary.today).toEqual({ ...today, stageMoves: 3 });
  });

  it('lists every stage in order with its Chinese label and a one-decimal share', () => {
    const summary = summarize(
      [row('v1', 'registered', 'green', 1), row('v1', 'paid', 'green', 2)],
      today,
      names,
      '2026-11-25',
      new Date(),
    );
    expect(summary.stages.map((s) => s.stage)).toEqual([...STAGES]);
    expect(summary.stages.map((s) => s.label)).toEqual(STAGES.map((s) => STAGE_LABELS[s]));
    expect(summary.stages.find((s) => s.stage === 'registered')).toMatchObject({ count: 1, percent: 33.3 });
    expect(summary.stages.find((s) => s.stage === 'paid')).toMatchObject({ count: 2, percent: 66.7 });
  });

  it('keeps each village’s own figures: households, households on hold, stages and lights', () => {
    const summary = summarize(
      [
        row('v1', 'registered', 'red', 2, 2),
        row('v1', 'paid', 'yellow', 1, 0),
        row('v2', 'paid', 'green', 4, 1),
      ],
      today,
      names,
      '2026-11-25',
      new Date(),
    );
    const [v1, v2] = summary.villages;
    expect(v1).toMatchObject({
      villageId: 'v1',
      townshipId: 't1',
      townshipName: '矮寨镇',
      households: 3,
      onHold: 2,
      lights: { green: 0, yellow: 1, red: 2 },
    });
    expect(v1.stages).toMatchObject({ registered: 2, paid: 1, closed: 0 });
    expect(v2).toMatchObject({
      villageId: 'v2',
      townshipName: '其他镇',
      households: 4,
      onHold: 1,
      lights: { green: 4, yellow: 0, red: 0 },
    });
    expect(v2.stages).toMatchObject({ registered: 0, paid: 4 });
    expect(summary.totals).toEqual({ households: 7, onHold: 3, lights: { green: 4, yellow: 1, red: 2 } });
  });

  it('adds up a village’s households of one stage whatever their light', () => {
    const summary = summarize(
      [row('v1', 'paid', 'red', 2), row('v1', 'paid', 'green', 1), row('v1', 'paid', 'yellow', 4)],
      today,
      names,
      '2026-11-25',
      new Date(),
    );
    expect(summary.villages[0].stages.paid).toBe(7);
    expect(summary.stages.find((s) => s.stage === 'paid')!.count).toBe(7);
  });

  it('counts a household with an unknown light in the totals but in no light', () => {
    const summary = summarize([row('v1', 'registered', 'grey', 2)], today, names, '2026-11-25', new Date());
    expect(summary.totals).toEqual({ households: 2, onHold: 0, lights: { green: 0, yellow: 0, red: 0 } });
    expect(summary.villages[0].lights).toEqual({ green: 0, yellow: 0, red: 0 });
  });

  it('keeps a village without a township, listed first whatever its name; namesakes by id', () => {
    const summary = summarize(
      [
        row('x2', 'registered', 'green', 1),
        row('v9', 'registered', 'green', 1),
        row('x1', 'registered', 'green', 1),
        row('v8', 'registered', 'green', 1),
      ],
      today,
      {
        name: (id: string) =>
          ({ v8: '大寨村', v9: '新村', x1: '坪滩村', x2: '坪滩村', t1: '矮寨镇' })[id] ?? id,
        parentOf: (id: string) => (id === 'v9' || id === 'v8' ? null : 't1'),
      },
      '2026-11-25',
      new Date(),
    );
    expect(summary.villages.map((v) => [v.villageId, v.townshipId, v.townshipName])).toEqual([
      ['v8', null, null],
      ['v9', null, null],
      ['x1', 't1', '矮寨镇'],
      ['x2', 't1', '矮寨镇'],
    ]);
  });

  it('gives zeros, not NaN, when the caller sees no household', () => {
    const summary = summarize([], today, names, '2026-11-25', new Date());
    expect(summary.totals.households).toBe(0);
    expect(summary.stages.every((s) => s.count === 0 && s.percent === 0)).toBe(true);
    expect(summary.villages).toEqual([]);
  });
});
