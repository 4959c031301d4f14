import { describe, expect, it } from 'vitest';
import { problemActions } from './rules';

const unit = 'unit-1';
const problem = (status: string, overrides: { unitId?: string | null; supervised?: boolean } = {}) => ({
  status,
  unitId: unit,
  supervised: false,
  ...overrides,
});

describe('problemActions', () => {
  it('lets the command centre assign, work, take feedback and supervise', () => {
    const commander = { role: 'commander' as const, orgUnitId: 'centre' };
    expect(problemActions(commander, problem('open', { unitId: null }))).toEqual(['assign', 'supervise']);
    expect(problemActions(commander, problem('assigned'))).toEqual([
      'assign',
      'progress',
      'resolve',
      'supervise',
    ]);
    expect(problemActions(commander, problem('resolved'))).toEqual(['feedback', 'supervise']);
    expect(problemActions(commander, problem('reopened'))).toEqual(['assign', 'supervise']);
    expect(problemActions(commander, problem('closed'))).toEqual([]);
    expect(problemActions({ role: 'admin' }, problem('assigned', { supervised: true }))).toEqual([
      'assign',
      'progress',
      'resolve',
    ]);
  });

  it("lets a handler work only their own unit's assigned problems", () => {
    expect(problemActions({ role: 'handler', orgUnitId: unit }, problem('assigned'))).toEqual([
      'progress',
      'resolve',
    ]);
    expect(problemActions({ role: 'handler', orgUnitId: 'other' }, problem('assigned'))).toEqual([]);
    expect(problemActions({ role: 'handler', orgUnitId: unit }, problem('resolved'))).toEqual([]);
  });

  it('lets a supervisor only supervise, once, until it is closed', () => {
    const supervisor = { role: 'supervisor' as const };
    expect(problemActions(supervisor, problem('assigned'))).toEqual(['supervise']);
    expect(problemActions(supervisor, problem('assigned', { supervised: true }))).toEqual([]);
    expect(problemActions(supervisor, problem('closed'))).toEqual([]);
  });

  it('gives officials nothing to do here', () => {
    expect(problemActions({ role: 'official', orgUnitId: 'township' }, problem('open'))).toEqual([]);
  });
});
