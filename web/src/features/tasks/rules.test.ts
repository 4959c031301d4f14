import { describe, expect, it } from 'vitest';
import { taskQuery } from './api';
import { assigneeName, mayCompleteTask, targetLink } from './rules';

const task = (assignee: { userId?: string; unitId?: string; level?: string }, status = 'open') => ({
  status,
  assignee: { userId: null, unitId: null, level: null, ...assignee },
});

describe('tasks', () => {
  it('lets the assignee, their unit and the command centre complete an open task', () => {
    const handler = { id: 'h1', role: 'handler' as const, orgUnitId: 'unit-1' };
    expect(mayCompleteTask(handler, task({ unitId: 'unit-1' }))).toBe(true);
    expect(mayCompleteTask(handler, task({ unitId: 'unit-2' }))).toBe(false);
    expect(mayCompleteTask(handler, task({ unitId: 'unit-1' }, 'done'))).toBe(false);
    const official = { id: 'o1', role: 'official' as const, orgUnitId: 'town' };
    expect(mayCompleteTask(official, task({ unitId: 'town', level: 'township' }))).toBe(true);
    expect(mayCompleteTask({ id: 'c1', role: 'cadre' }, task({ userId: 'c1' }))).toBe(true);
    expect(mayCompleteTask({ id: 'c2', role: 'cadre' }, task({ userId: 'c1' }))).toBe(false);
    expect(mayCompleteTask({ id: 'x', role: 'commander' }, task({ userId: 'c1' }))).toBe(true);
    expect(mayCompleteTask({ id: 'x', role: 'commander' }, task({}, 'cancelled'))).toBe(false);
    // Supervisors read only.
    expect(mayCompleteTask({ id: 's', role: 'supervisor' }, task({ level: 'command_centre' }))).toBe(false);
  });

  it('names the assignee', () => {
    const names = { me: 'me', user: (id: string) => ({ c1: '龙建军' })[id], unit: () => '市教育局' };
    expect(assigneeName(task({ userId: 'c1' }), names)).toBe('龙建军');
    expect(assigneeName(task({ userId: 'me' }), names)).toBe('我');
    expect(assigneeName(task({ userId: 'c9' }), names)).toBe('包户干部');
    expect(assigneeName(task({ unitId: 'u' }), names)).toBe('市教育局');
    expect(assigneeName(task({ level: 'command_centre' }), names)).toBe('指挥部');
  });

  it('links the target where the role may open it', () => {
    expect(targetLink({ targetType: 'problem', targetId: 'p' }, 'handler')).toEqual({
      to: '/problems/p',
      text: '查看问题',
    });
    expect(targetLink({ targetType: 'household', targetId: 'h' }, 'handler')).toBeNull();
    expect(targetLink({ targetType: 'household', targetId: 'h' }, 'commander')?.to).toBe('/households/h');
    expect(targetLink({ targetType: 'approval', targetId: 'a' }, 'official')?.to).toBe('/approvals');
    expect(targetLink({ targetType: 'approval', targetId: 'a' }, 'supervisor')).toBeNull();
  });

  it('asks for every status when the URL says all', () => {
    expect(taskQuery({ status: 'all', page: 1 })).toEqual({ status: undefined, page: 1 });
    expect(taskQuery({ status: 'open' }).status).toBe('open');
  });
});
