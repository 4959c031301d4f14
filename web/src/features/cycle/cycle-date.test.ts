import { describe, expect, it } from 'vitest';
import { businessDate } from '../../lib/format';
import { cycleDate, isCalendarDate } from './cycle-date';

describe('the date a /cycle URL asks for', () => {
  it('defaults to the business date in Asia/Shanghai, whatever the browser zone', () => {
    // 2026-11-30 16:30 UTC is already 2026-12-01 in Beijing.
    const today = businessDate(new Date('2026-11-30T16:30:00Z'));
    expect(today).toBe('2026-12-01');
    expect(cycleDate(null, today)).toBe('2026-12-01');
  });

  it('keeps a real past date and refuses a future or malformed one', () => {
    expect(cycleDate('2026-11-28', '2026-12-01')).toBe('2026-11-28');
    expect(cycleDate('2026-12-01', '2026-12-01')).toBe('2026-12-01');
    expect(cycleDate('2026-12-02', '2026-12-01')).toBe('2026-12-01');
    expect(cycleDate('2026-02-30', '2026-12-01')).toBe('2026-12-01');
    expect(cycleDate('20261128', '2026-12-01')).toBe('2026-12-01');
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2026-02-29')).toBe(false);
  });
});
