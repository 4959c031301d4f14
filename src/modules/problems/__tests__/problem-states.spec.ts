import {
  ACTIVE_STATUSES,
  nextStatus,
  PROBLEM_CATEGORIES,
  PROBLEM_CATEGORY_LABELS,
  PROBLEM_STATUSES,
  PROBLEM_TRANSITIONS,
  SEVERITIES,
  STATUS_LABELS,
  validateProblemTable,
} from '../problem-states';

const HAN = /\p{Script=Han}/u;

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

  it('lets a problem be handed to another unit while assigned, and reports progress without moving it', () => {
    expect(nextStatus('assign', 'assigned')).toBe('assigned');
    expect(nextStatus('progress', 'assigned')).toBe('assigned');
  });

  it('turns a resident’s satisfaction into 销号 and dissatisfaction into 复号', () => {
    expect(nextStatus('satisfied', 'resolved')).toBe('closed');
    expect(nextStatus('unsatisfied', 'resolved')).toBe('reopened');
    expect(nextStatus('resolve', 'assigned')).toBe('resolved');
  });

  it('refuses illegal moves', () => {
    expect(nextStatus('resolve', 'open')).toBeNull();
    expect(nextStatus('satisfied', 'assigned')).toBeNull();
    expect(nextStatus('assign', 'closed')).toBeNull();
    expect(nextStatus('progress', 'resolved')).toBeNull();
    expect(nextStatus('assign', 'resolved')).toBeNull();
    expect(nextStatus('unsatisfied', 'closed')).toBeNull();
    expect(nextStatus('progress', 'open')).toBeNull();
    expect(nextStatus('resolve', 'reopened')).toBeNull();
  });

  it('counts open, assigned and reopened problems as still someone’s work, not resolved or closed ones', () => {
    expect([...ACTIVE_STATUSES].sort()).toEqual(['assigned', 'open', 'reopened']);
  });

  it('reports a status nothing leads to and a status nothing leaves', () => {
    const { satisfied: _satisfied, unsatisfied: _unsatisfied, ...withoutFeedback } = PROBLEM_TRANSITIONS;
    expect(validateProblemTable(withoutFeedback)).toEqual([
      'status resolved is a dead end',
      'status closed is unreachable',
      'status reopened is unreachable',
    ]);
  });

  it('does not count a self-loop as a way out', () => {
    expect(
      validateProblemTable({
        ...PROBLEM_TRANSITIONS,
        resolve: { from: ['open'], to: 'open' },
      }),
    ).toEqual(expect.arrayContaining(['status assigned is a dead end', 'status resolved is unreachable']));
  });

  it('follows chains, whatever order the table lists them in', () => {
    expect(
      validateProblemTable({
        d: { from: ['reopened'], to: 'closed' },
        c: { from: ['resolved'], to: 'reopened' },
        b: { from: ['assigned'], to: 'resolved' },
        a: { from: ['open'], to: 'assigned' },
      }),
    ).toEqual([]);
  });
});

describe('problem labels', () => {
  it('names every category, status and severity in Chinese, each differently', () => {
    expect(Object.keys(PROBLEM_CATEGORY_LABELS).sort()).toEqual([...PROBLEM_CATEGORIES].sort());
    expect(Object.keys(STATUS_LABELS).sort()).toEqual([...PROBLEM_STATUSES].sort());
    for (const labels of [PROBLEM_CATEGORY_LABELS, STATUS_LABELS, SEVERITIES]) {
      const values = Object.values(labels);
      for (const label of values) expect(label).toMatch(HAN);
      expect(new Set(values).size).toBe(values.length);
    }
    expect(Object.keys(SEVERITIES)).toEqual(['p1', 'p2', 'p3']);
    expect(PROBLEM_CATEGORIES).toHaveLength(new Set(PROBLEM_CATEGORIES).size);
  });
});
