import { notificationTarget } from '../notification-target';

describe('notificationTarget', () => {
  const id = '6f1c2a9e-3b7d-4c55-9a10-2d4e8f0b7c31';

  it('reads the record back from the keys notify and dispatch write', () => {
    expect(notificationTarget('approval_requested', `approval_requested:${id}:township`)).toEqual({
      type: 'approval',
      id,
    });
    expect(notificationTarget('problem_assigned', `problem_assigned:${id}:3`)).toEqual({
      type: 'problem',
      id,
    });
    expect(notificationTarget('visit_concern', `visit_concern:${id}`)).toEqual({ type: 'visit', id });
    expect(notificationTarget('dispatch', 'dispatch:2026-11-28')).toEqual({
      type: 'dispatch',
      id: '2026-11-28',
    });
  });

  it('gives null for a key it does not know', () => {
    expect(notificationTarget('dispatch', 'other:2026-11-28')).toBeNull();
    expect(notificationTarget('problem_assigned', 'problem_assigned')).toBeNull();
    expect(notificationTarget('something_new', `something_new:${id}`)).toBeNull();
  });
});
