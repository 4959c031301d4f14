import { describe, expect, it } from 'vitest';
import { notificationLink } from './links';

describe('notificationLink', () => {
  it('opens the record behind a notification', () => {
    expect(notificationLink({ type: 'approval', id: 'a1' }, 'official')).toBe('/approvals');
    expect(notificationLink({ type: 'problem', id: 'p1' }, 'handler')).toBe('/problems/p1');
    expect(notificationLink({ type: 'household', id: 'h1' }, 'commander')).toBe('/households/h1');
    expect(notificationLink({ type: 'dispatch', id: '2026-11-28' }, 'handler')).toBe(
      '/tasks?date=2026-11-28&status=all',
    );
  });

  it('gives no link where there is no record or the role may not open it', () => {
    expect(notificationLink(null, 'commander')).toBeNull();
    expect(notificationLink({ type: 'household', id: 'h1' }, 'handler')).toBeNull();
    expect(notificationLink({ type: 'approval', id: 'a1' }, 'supervisor')).toBeNull();
    expect(notificationLink({ type: 'unknown', id: 'x' } as never, 'admin')).toBeNull();
  });
});
