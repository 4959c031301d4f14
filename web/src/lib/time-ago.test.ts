import { describe, expect, it } from 'vitest';
import { timeAgo } from './time-ago';

describe('timeAgo', () => {
  const now = new Date('2026-12-01T08:00:00Z');

  it('says how long ago in minutes, hours, days', () => {
    expect(timeAgo('2026-12-01T07:59:30Z', now)).toBe('刚刚');
    expect(timeAgo('2026-12-01T08:00:05Z', now)).toBe('刚刚');
    expect(timeAgo('2026-12-01T07:55:00Z', now)).toBe('5分钟前');
    expect(timeAgo('2026-12-01T07:00:01Z', now)).toBe('59分钟前');
    expect(timeAgo('2026-12-01T05:00:00Z', now)).toBe('3小时前');
    expect(timeAgo('2026-11-30T08:00:00Z', now)).toBe('1天前');
    expect(timeAgo('2026-11-01T08:00:01Z', now)).toBe('29天前');
  });

  it('gives the Beijing date a month back, and a dash for nothing', () => {
    expect(timeAgo('2026-10-31T17:00:00Z', now)).toBe('2026-11-01');
    expect(timeAgo(null, now)).toBe('—');
  });
});
