import { describe, expect, it } from 'vitest';
import { addDays, bulletinWeek, defaultWeek, weekLabel, weekOver, weekStartOf } from './weeks';

describe('bulletin weeks (Monday to Sunday, Asia/Shanghai dates)', () => {
  it('finds the Monday of any day', () => {
    expect(weekStartOf('2026-11-30')).toBe('2026-11-30'); // Monday
    expect(weekStartOf('2026-12-03')).toBe('2026-11-30');
    expect(weekStartOf('2026-12-06')).toBe('2026-11-30'); // Sunday
    expect(weekStartOf('2027-01-01')).toBe('2026-12-28'); // across a year
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
  });

  it('defaults to the week that ended last: the one this Monday publishes', () => {
    expect(defaultWeek('2026-12-07')).toBe('2026-11-30'); // on Monday: the week that ended at midnight
    expect(defaultWeek('2026-12-06')).toBe('2026-11-23'); // on Sunday the week is not over yet
  });

  it('reads ?week= as the week of that day, up to the current week', () => {
    expect(bulletinWeek(null, '2026-12-09')).toBe('2026-11-30');
    expect(bulletinWeek('2026-11-18', '2026-12-09')).toBe('2026-11-16');
    expect(bulletinWeek('2026-12-07', '2026-12-09')).toBe('2026-12-07'); // current week: shown as not over
    expect(bulletinWeek('2026-12-14', '2026-12-09')).toBe('2026-11-30'); // future: the default
    expect(bulletinWeek('2026-13-01', '2026-12-09')).toBe('2026-11-30');
  });

  it('knows when a week is over and names it', () => {
    expect(weekOver('2026-11-30', '2026-12-06')).toBe(false);
    expect(weekOver('2026-11-30', '2026-12-07')).toBe(true);
    expect(weekLabel('2026-11-30')).toBe('2026-11-30 至 2026-12-06');
  });
});
