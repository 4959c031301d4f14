import { describe, expect, it } from 'vitest';
import type { Bulletin, RankRow } from './api';
import { cellCaption, rowCell, totalCell } from './cells';

const row = (over: Partial<RankRow> = {}): RankRow => ({
  rank: 1,
  id: 'v1',
  name: '大兴寨村',
  households: 4,
  completionStart: 4.5,
  completion: 9.1,
  gain: 0,
  signedPercent: 25,
  closed: 2,
  closedOnTime: 0,
  onTimeRate: 0,
  overdue: 1,
  ...over,
});

describe('the lists behind the bulletin’s numbers', () => {
  it('opens a ranking’s counts into the row’s list, a zero into nothing', () => {
    expect(rowCell('villages', row(), 'households')).toEqual({
      metric: 'households',
      groupKind: 'village',
      groupId: 'v1',
    });
    expect(rowCell('cadres', row({ id: 'c1' }), 'overdue')).toEqual({
      metric: 'overdue',
      groupKind: 'cadre',
      groupId: 'c1',
    });
    expect(rowCell('villages', row(), 'closedOnTime')).toBeNull();
  });

  it('opens 签约率 into the signed households and 本周提升 into those that moved up, even at zero', () => {
    expect(rowCell('townships', row({ id: 't1' }), 'signedPercent')).toEqual({
      metric: 'signed',
      groupKind: 'township',
      groupId: 't1',
    });
    expect(rowCell('taskForces', row({ id: 'tf1', gain: 0 }), 'gain')).toEqual({
      metric: 'progressed',
      groupKind: 'taskForce',
      groupId: 'tf1',
    });
  });

  it('has no household lists for units', () => {
    const unit = row({ id: 'u1', households: null, signedPercent: null, gain: null });
    expect(rowCell('units', unit, 'households')).toBeNull();
    expect(rowCell('units', unit, 'gain')).toBeNull();
    expect(rowCell('units', unit, 'closed')).toEqual({ metric: 'closed', groupKind: 'unit', groupId: 'u1' });
  });

  it('opens the totals without a row', () => {
    const totals = {
      households: 7,
      completionStart: 1,
      completion: 2,
      gain: 1,
      signedPercent: 28.6,
      closed: 3,
      closedOnTime: 2,
      onTimeRate: 66.7,
      overdueProblems: 4,
      overdueVisits: 0,
      supervised: 1,
      stalledUnits: 1,
    } satisfies Bulletin['totals'];
    expect(totalCell(totals, 'overdueProblems')).toEqual({ metric: 'overdueProblems' });
    expect(totalCell(totals, 'signedPercent')).toEqual({ metric: 'signed' });
    expect(totalCell(totals, 'overdueVisits')).toBeNull();
  });

  it('says what a list is of, and when', () => {
    const households = { total: 3, itemKind: 'household' };
    expect(cellCaption({ metric: 'households' }, households, '2026-11-29')).toBe(
      '共 3 户，为 2026-11-29 24 时（周末时点）的情况',
    );
    expect(cellCaption({ metric: 'progressed' }, households, '2026-11-29')).toContain('不是通报中的数字');
    const cadre = { metric: 'overdue', groupKind: 'cadre', groupId: 'c1' } as const;
    expect(cellCaption(cadre, households, '2026-11-29')).toContain('未走访的户');
    const village = { metric: 'overdue', groupKind: 'village', groupId: 'v1' } as const;
    expect(cellCaption(village, { total: 2, itemKind: 'problem' }, '2026-11-29')).toMatch(
      /^共 2 个问题，.*超过办理时限/,
    );
  });
});
