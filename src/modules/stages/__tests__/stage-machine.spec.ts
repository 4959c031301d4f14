import { checkForwardMove, STAGE_TRANSITIONS, StageTransition, validateStageTable } from '../stage-machine';
import { STAGES } from '../stages';

const facts = { onHold: false, intentOption: 'cash' };

describe('stage table', () => {
  it('is valid as shipped', () => {
    expect(validateStageTable()).toEqual([]);
  });

  it('walks every stage from registered to closed one step at a time', () => {
    expect(STAGE_TRANSITIONS.map((t) => t.from)).toEqual(STAGES.slice(0, -1));
    expect(STAGE_TRANSITIONS.map((t) => t.to)).toEqual(STAGES.slice(1));
  });

  it('needs township then command centre for intent approval, as design.md says', () => {
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
