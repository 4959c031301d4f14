import { describe, expect, it } from 'vitest';
import type { SyncHousehold } from './data/types';
import { byUrgency, daysAgo } from './labels';
import { inWeChat } from './session';

const h = (code: string, light: SyncHousehold['light'], lastVisitAt: string | null) =>
  ({ code, light, lastVisitAt }) as SyncHousehold;

describe('the household list order', () => {
  it('puts red lights first, then yellow, and the longest unvisited first within a colour', () => {
    const list = [
      h('A', 'green', null),
      h('B', 'yellow', '2026-12-01T00:00:00Z'),
      h('C', 'red', '2026-12-05T00:00:00Z'),
      h('D', 'red', '2026-11-20T00:00:00Z'),
      h('E', 'red', null),
    ].sort(byUrgency);
    expect(list.map((x) => x.code)).toEqual(['E', 'D', 'C', 'B', 'A']);
  });
});

describe('the small words', () => {
  it('says how long since the last visit', () => {
    const now = new Date('2026-12-06T10:00:00');
    expect(daysAgo(null, now)).toBe('从未走访');
    expect(daysAgo('2026-12-06T08:00:00', now)).toBe('今天');
    expect(daysAgo('2026-12-05T23:00:00', now)).toBe('昨天');
    expect(daysAgo('2026-12-01T09:00:00', now)).toBe('5 天前');
  });

  it('recognises WeChat’s in-app browser', () => {
    expect(inWeChat('Mozilla/5.0 (Linux; Android 13) AppleWebKit/537.36 MicroMessenger/8.0.47.2560')).toBe(
      true,
    );
    expect(inWeChat('Mozilla/5.0 (Linux; Android 13) Chrome/131.0 Mobile Safari/537.36')).toBe(false);
  });
});
