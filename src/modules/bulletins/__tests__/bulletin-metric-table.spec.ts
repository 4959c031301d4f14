import { METRICS } from '../../daily-cycle/metrics/metric-definitions';
import { emittedMetricKeys } from '../../daily-cycle/metrics/metric-keys';
import { buildBulletin } from '../bulletin-builder';

describe('the bulletin and the metric table', () => {
  it('defines every figure the bulletin emits, and nothing it does not', () => {
    const cell = { villageId: 'v1', townshipId: 't1', taskForceId: 'tf1', cadreId: 'c1' };
    const bulletin = buildBulletin(
      {
        weekStart: '2026-11-23',
        lastDate: '2026-11-29',
        weekEnd: new Date('2026-11-29T16:00:00Z'),
        stallWeeks: 2,
        generatedAt: new Date('2026-11-30T01:00:00Z'),
      },
      {
        households: [{ ...cell, households: 2, stepsStart: 1, stepsEnd: 3, signed: 0, overdueVisits: 1 }],
        problems: [
          {
            ...cell,
            unitId: 'u1',
            closed: 1,
            closedOnTime: 1,
            overdue: 1,
            active: 1,
            activeSinceBeforeStall: 1,
          },
        ],
        unitProgress: [],
        supervised: [],
      },
      { unitName: (id) => id, unitKind: (id) => (id === 'u1' ? 'unit' : 'village'), cadreName: (id) => id },
    );
    expect(bulletin.stalledUnits).toHaveLength(1);
    const defined = METRICS.filter((m) => m.documents.includes('weekly_bulletin')).map((m) => m.id);
    expect([...emittedMetricKeys(bulletin)].sort()).toEqual(defined.sort());
  });
});
