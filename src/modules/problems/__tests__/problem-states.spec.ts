import { nextStatus, validateProblemTable } from '../problem-states';

describe('problem status table', () => {
  it('is valid: every status reachable, only closed is final', () => {
    expect(validateProblemTable()).toEqual([]);
  });

  it('walks 挂号 → 交办 → 办结 → 复号 → 交办 → 办结 → 销号', () => {
    let status: string = 'open';
    for (const action of [
      'assign',
      'progress',
      'resolve',
      'unsatisfied',
      'assign',
      'resolve',
      'satisfied',
    ] as const) {
      const next = nextStatus(action, status);
      expect(next).not.toBeNull();
      status = next!;
    }
    expect(status).toBe('closed');
  });

  it('refuses illegal moves', () => {
    expect(nextStatus('resolve', 'open')).toBeNull();
    expect(nextStatus('satisfied', 'assigned')).toBeNull();
    expect(nextStatus('assign', 'closed')).toBeNull();
    expect(nextStatus('progress', 'resolved')).toBeNull();
  });
});
