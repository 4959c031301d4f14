import { describe, expect, it } from 'vitest';
import { businessDate, daysBetween, formatDateTime, lastWeekStart, percent, sinceLabel } from './format';

describe('formatters', () => {
  it('shows instants in Beijing time whatever the browser zone', () => {
    expect(formatDateTime('2026-11-30T16:30:00Z')).toBe('2026-12-01 00:30');
    expect(formatDateTime(null)).toBe('—');
    expect(businessDate(new Date('2026-11-30T16:30:00Z'))).toBe('2026-12-01');
    expect(businessDate(new Date('2026-11-30T15:59:59Z'))).toBe('2026-11-30');
  });

  it('counts days and labels a last visit', () => {
    expect(daysBetween('2026-11-28', '2026-12-01')).toBe(3);
    expect(sinceLabel(null, '2026-12-01')).toBe('从未');
    expect(sinceLabel('2026-11-30T17:00:00Z', '2026-12-01')).toBe('今天');
    expect(sinceLabel('2026-11-30T10:00:00Z', '2026-12-01')).toBe('昨天');
    expect(sinceLabel('2026-11-20T10:00:00Z', '2026-12-01')).toBe('11天前');
  });

  it('finds the last full bulletin week (Monday) from any weekday', () => {
    expect(lastWeekStart('2026-12-07')).toBe('2026-11-30'); // a Monday
    expect(lastWeekStart('2026-12-06')).toBe('2026-11-23'); // a Sunday
    expect(lastWeekStart('2026-12-02')).toBe('2026-11-23');
  });

  it('prints percentages', () => {
    expect(percent(12.345)).toBe('12.3%');
    expect(percent(null)).toBe('—');
  });
});
