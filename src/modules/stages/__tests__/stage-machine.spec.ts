import { APPROVAL_LEVEL_LABELS } from '../../approvals/approval-levels';
import {
  checkForwardMove,
  GUARDS,
  STAGE_TRANSITIONS,
  StageTransition,
  transitionFrom,
  validateStageTable,
} from '../stage-machine';
import { STAGES } from '../../households/household-stages';

const facts = { onHold: false, intentOption: 'cash' };

describe('stage table', () => {
  it('is valid as shipped', () => {
    expect(validateStageTable()).toEqual([]);
  });

  it('walks every stage from registered to closed one step at a time', () => {
    expect(STAGE_TRANSITIONS.map((t) => t.from)).toEqual(STAGES.slice(0, -1));
    expect(STAGE_TRANSITIONS.map((t) => t.to)).toEqual(STAGES.slice(1));
  });

  it('needs township then command centre for intent approval, as docs/architecture.md ("Approvals") says', () => {
    expect(STAGE_TRANSITIONS.find((t) => t.to === 'intent_approved')!.approvers).toEqual([
      'township',
      'command_centre',
    ]);
    expect(STAGE_TRANSITIONS.find((t) => t.to === 'surveyed')!.approvers).toEqual([]);
    expect(STAGE_TRANSITIONS.find((t) => t.to === 'paid')!.approvers).toEqual(['command_centre']);
  });

  it('reports an unreachable stage, a skip, and an unknown level', () => {
    const broken: StageTransition[] = STAGE_TRANSITIONS.filter((t) => t.from !== 'paid').map((t) =>
      t.from === 'registered' ? { ...t, approvers: ['county' as never] } : t,
    );
    const problems = validateStageTable(broken);
    expect(problems).toEqual(
      expect.arrayContaining([
        'stage moved_out is unreachable',
        'registered → surveyed: unknown approver level county',
      ]),
    );
    expect(validateStageTable([{ from: 'registered', to: 'paid', approvers: [], guards: [] }])).toContain(
      'registered → paid is not one step forward',
    );
  });
});

describe('stage table approvals', () => {
  it('needs the approval matrix of the relocation rules for every step', () => {
    expect(Object.fromEntries(STAGE_TRANSITIONS.map((t) => [t.to, t.approvers.join(' → ')]))).toEqual({
      surveyed: '',
      indicators_confirmed: 'township',
      intent_collected: '',
      intent_approved: 'township → command_centre',
      agreement_signed: 'command_centre',
      paid: 'command_centre',
      moved_out: 'township',
      demolished: 'township',
      settled: '',
      support_registered: 'command_centre',
      closed: 'command_centre',
    });
  });

  it('names both approval levels in Chinese', () => {
    expect(APPROVAL_LEVEL_LABELS).toEqual({
      township: expect.stringMatching(/乡镇/),
      command_centre: expect.stringMatching(/指挥部/),
    });
  });

  it('finds the step leaving a stage, and none after 销号', () => {
    expect(transitionFrom('paid')).toMatchObject({ from: 'paid', to: 'moved_out' });
    expect(transitionFrom('closed')).toBeUndefined();
    expect(transitionFrom('nonsense')).toBeUndefined();
  });
});

describe('validateStageTable', () => {
  const step = (from: string, to: string, over: Partial<StageTransition> = {}): StageTransition =>
    ({ from, to, approvers: [], guards: [], ...over }) as StageTransition;

  it('reports unknown stages', () => {
    expect(validateStageTable([...STAGE_TRANSITIONS, step('closed', 'archived')])).toEqual(
      expect.arrayContaining(['unknown stage archived', 'closed → archived is not one step forward']),
    );
    expect(validateStageTable([...STAGE_TRANSITIONS, step('limbo', 'registered')])).toEqual(
      expect.arrayContaining(['unknown stage limbo']),
    );
  });

  it('reports two ways out of one stage', () => {
    const problems = validateStageTable([...STAGE_TRANSITIONS, step('registered', 'surveyed')]);
    expect(problems).toEqual(['two transitions leave registered']);
  });

  it('reports a level approving twice and an unknown guard', () => {
    const broken = STAGE_TRANSITIONS.map((t): StageTransition =>
      t.from === 'paid'
        ? { ...t, approvers: ['township', 'township'] }
        : t.from === 'settled'
          ? { ...t, guards: ['notOnHold', 'hasPassport' as never] }
          : t,
    );
    expect(validateStageTable(broken)).toEqual([
      'paid → moved_out: a level approves twice',
      'settled → support_registered: unknown guard hasPassport',
    ]);
  });

  it('reports every stage after a gap as unreachable, even when listed out of order', () => {
    const reversed = [...STAGE_TRANSITIONS].reverse();
    expect(validateStageTable(reversed)).toEqual([]);
    const gap = STAGE_TRANSITIONS.filter((t) => t.from !== 'settled');
    expect(validateStageTable(gap)).toEqual([
      'stage support_registered is unreachable',
      'stage closed is unreachable',
    ]);
    expect(validateStageTable([])).toHaveLength(STAGES.length - 1);
  });
});

describe('checkForwardMove', () => {
  it('allows the next step', () => {
    expect(checkForwardMove('registered', 'surveyed', facts)).toMatchObject({ ok: true });
  });

  it('refuses skipping, going back, staying, and moving while on hold', () => {
    expect(checkForwardMove('registered', 'indicators_confirmed', facts)).toMatchObject({
      ok: false,
      code: 'STAGE_SKIP',
    });
    expect(checkForwardMove('surveyed', 'registered', facts)).toMatchObject({
      ok: false,
      code: 'BACKWARD_MOVE',
    });
    expect(checkForwardMove('surveyed', 'surveyed', facts)).toMatchObject({
      ok: false,
      code: 'ALREADY_IN_STAGE',
    });
    expect(checkForwardMove('registered', 'surveyed', { ...facts, onHold: true })).toMatchObject({
      ok: false,
      code: 'HOUSEHOLD_ON_HOLD',
    });
  });

  it('allows every step of the table, with its approvers, for a household not on hold', () => {
    for (const t of STAGE_TRANSITIONS) {
      expect(checkForwardMove(t.from, t.to, facts)).toEqual({ ok: true, transition: t });
    }
  });

  it('refuses every step while the household is on hold, with the reason in Chinese', () => {
    for (const t of STAGE_TRANSITIONS) {
      expect(checkForwardMove(t.from, t.to, { ...facts, onHold: true })).toEqual({
        ok: false,
        code: 'HOUSEHOLD_ON_HOLD',
        message: GUARDS.notOnHold.message,
      });
    }
    expect(GUARDS.notOnHold.message).toMatch(/暂停/);
  });

  it('asks for a recorded intent only on the step into 意愿已征询', () => {
    const undecided = { onHold: false, intentOption: 'undecided' };
    expect(checkForwardMove('registered', 'surveyed', undecided)).toMatchObject({ ok: true });
    expect(checkForwardMove('intent_collected', 'intent_approved', undecided)).toMatchObject({ ok: true });
    expect(GUARDS.intentRecorded.message).toMatch(/意愿/);
  });

  it('explains each refusal in Chinese', () => {
    for (const [from, to] of [
      ['surveyed', 'surveyed'],
      ['surveyed', 'registered'],
      ['registered', 'paid'],
    ]) {
      const check = checkForwardMove(from, to, facts);
      expect(check.ok).toBe(false);
      if (!check.ok) expect(check.message).toMatch(/阶段/);
    }
  });

  it('refuses a move from an unknown stage as a skip', () => {
    expect(checkForwardMove('nonsense', 'surveyed', facts)).toMatchObject({ ok: false, code: 'STAGE_SKIP' });
  });

  it('needs a recorded intent before intent_collected', () => {
    expect(
      checkForwardMove('indicators_confirmed', 'intent_collected', {
        onHold: false,
        intentOption: 'undecided',
      }),
    ).toMatchObject({
      ok: false,
      code: 'INTENT_NOT_RECORDED',
    });
  });
});
