import { daysAfter, escalationLadder, escalationLevel } from '../escalation';

const chain = { cadreId: 'cadre', villageLeaderId: 'leader', taskForceLeaderId: 'captain' };

describe('escalationLadder', () => {
  it('raises a cadre’s task to the village leader, then the task-force leader', () => {
    expect(escalationLadder('cadre', chain)).toEqual(['leader', 'captain']);
  });

  it('starts above the assignee when the assignee is higher in the chain', () => {
    expect(escalationLadder('leader', chain)).toEqual(['captain']);
    expect(escalationLadder('captain', chain)).toEqual([]);
  });

  it('starts at the village leader for a unit’s or a level’s task', () => {
    expect(escalationLadder(null, chain)).toEqual(['leader', 'captain']);
  });

  it('skips a missing link and a person holding two links', () => {
    expect(escalationLadder('cadre', { ...chain, villageLeaderId: null })).toEqual(['captain']);
    expect(escalationLadder('cadre', { ...chain, taskForceLeaderId: 'leader' })).toEqual(['leader']);
    expect(escalationLadder('cadre', { ...chain, villageLeaderId: 'cadre' })).toEqual(['captain']);
  });
});

describe('escalationLevel', () => {
  it('counts whole business days past the due date', () => {
    expect(daysAfter('2026-11-26', '2026-11-29')).toBe(3);
    expect(daysAfter('2026-02-27', '2026-03-02')).toBe(3);
  });

  it('raises one level every N days past the deadline, up to the ladder', () => {
    const task = { dueDate: '2026-11-26', level: 0 };
    expect(escalationLevel(task, '2026-11-26', 3, 2)).toBe(0);
    expect(escalationLevel(task, '2026-11-28', 3, 2)).toBe(0);
    expect(escalationLevel(task, '2026-11-29', 3, 2)).toBe(1);
    expect(escalationLevel(task, '2026-12-02', 3, 2)).toBe(2);
    expect(escalationLevel(task, '2026-12-30', 3, 2)).toBe(2);
    expect(escalationLevel(task, '2026-12-30', 3, 1)).toBe(1);
  });

  it('never lowers a level already reached', () => {
    expect(escalationLevel({ dueDate: '2026-11-26', level: 2 }, '2026-11-29', 3, 1)).toBe(2);
  });
});
