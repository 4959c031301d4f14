import { describe, expect, it } from 'vitest';
import { reportCheckAlert, type ReportCheck } from './report-check';

const check = (date: string, differences: number, checkedAt = `${date}T18:30:00.000Z`): ReportCheck => ({
  date,
  checkedAt,
  differences,
  detail: differences ? [{ path: 'totals.intentChanges', stored: 1, recomputed: 0 }] : [],
});

describe('the dashboard alert of the nightly report checks', () => {
  it('is quiet when every check found nothing, or there is none yet', () => {
    expect(reportCheckAlert([check('2026-11-05', 0), check('2026-11-04', 0)])).toBeNull();
    expect(reportCheckAlert([])).toBeNull();
  });

  it('names the date, the number of differences and the first of them', () => {
    expect(reportCheckAlert([check('2026-11-05', 0), check('2026-11-04', 3)])).toEqual({
      date: '2026-11-04',
      text: '2026-11-04 的日汇报与事件记录有 3 处不一致，如 totals.intentChanges：存 1，重算 0。请核查是否有绕过系统的数据修改。',
    });
  });

  it('stops alerting for a date a later check found clean again', () => {
    expect(
      reportCheckAlert([check('2026-11-04', 0, '2026-11-06T01:00:00.000Z'), check('2026-11-04', 3)]),
    ).toBeNull();
  });
});
