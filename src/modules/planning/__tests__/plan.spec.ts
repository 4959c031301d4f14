import {
  cannotMakeMoveDate,
  daysFromTo,
  daysNeeded,
  forecastDate,
  netSteps,
  plannedStages,
  planVerdict,
  remainingSteps,
} from '../plan';
import { STAGE_LEADS, StageLead, validateLeadTable } from '../stage-leads';

describe('the stage lead table', () => {
  it('is valid as shipped', () => {
    expect(validateLeadTable()).toEqual([]);
  });

  it('refuses unknown stages, bad leads, a wrong order and a lead growing along the stages', () => {
    const table = [
      { stage: 'agreement_signed', days: 30 },
      { stage: 'nowhere', days: 3 },
      { stage: 'paid', days: 40 },
      { stage: 'intent_approved', days: 10 },
      { stage: 'moved_out', days: -1 },
      { stage: 'closed', days: 1.5 },
    ] as StageLead[];
    expect(validateLeadTable(table)).toEqual([
      'unknown stage nowhere',
      'paid (40 days) has a longer lead than agreement_signed before it (30 days)',
      'intent_approved comes after paid: the table must follow the stage order',
      'moved_out: the lead must be a whole number of days, 0 or more (got -1)',
      'closed: the lead must be a whole number of days, 0 or more (got 1.5)',
    ]);
    expect(validateLeadTable([])).toEqual(['the lead table is empty']);
    expect(validateLeadTable([{ stage: 'registered', days: 5 }])).toEqual([
      'registered is where every household starts: it has no lead',
    ]);
  });
});

describe('planned dates', () => {
  // Move date 2026-12-31; leads 60 / 45 / 30 / 15 / 0 days.
  it('plans every stage still ahead back from the move date, up to moving out', () => {
    expect(plannedStages('surveyed', '2026-12-31', '2026-11-10', STAGE_LEADS)).toEqual([
      { stage: 'indicators_confirmed', plannedDate: '2026-11-01', behind: true },
      { stage: 'intent_collected', plannedDate: '2026-11-16', behind: false },
      { stage: 'intent_approved', plannedDate: '2026-11-16', behind: false },
      { stage: 'agreement_signed', plannedDate: '2026-12-01', behind: false },
      { stage: 'paid', plannedDate: '2026-12-16', behind: false },
      { stage: 'moved_out', plannedDate: '2026-12-31', behind: false },
    ]);
    expect(plannedStages('moved_out', '2026-12-31', '2026-11-10', STAGE_LEADS)).toEqual([]);
    expect(plannedStages('settled', '2026-12-31', '2026-11-10', STAGE_LEADS)).toEqual([]);
  });

  it('is behind only once the planned date has passed, not on the day', () => {
    expect(planVerdict('intent_approved', '2026-12-31', '2026-12-01', null, STAGE_LEADS).behindPlan).toBe(
      false,
    );
    expect(planVerdict('intent_approved', '2026-12-31', '2026-12-02', null, STAGE_LEADS).behindPlan).toBe(
      true,
    );
    expect(planVerdict('moved_out', '2026-12-31', '2027-02-01', null, STAGE_LEADS)).toEqual({
      behindPlan: false,
      cannotMakeMoveDate: false,
    });
  });

  it('counts the remaining steps to moving out', () => {
    expect(remainingSteps('registered', STAGE_LEADS)).toBe(7);
    expect(remainingSteps('agreement_signed', STAGE_LEADS)).toBe(2);
    expect(remainingSteps('closed', STAGE_LEADS)).toBe(0);
  });
});

describe('pace and forecast', () => {
  it('counts net steps towards the target: advances up to it, minus rollbacks out of stages up to it', () => {
    expect(
      netSteps(
        [
          { kind: 'advance', toStage: 'surveyed', count: 4 },
          { kind: 'advance', toStage: 'moved_out', count: 2 },
          { kind: 'advance', toStage: 'demolished', count: 5 },
          { kind: 'rollback', toStage: 'registered', count: 1 },
          { kind: 'rollback', toStage: 'demolished', count: 3 },
        ],
        STAGE_LEADS,
      ),
    ).toBe(5);
    expect(netSteps([{ kind: 'rollback', toStage: 'agreement_signed', count: 2 }], STAGE_LEADS)).toBe(0);
  });

  // Hand-computed: 6 net steps in 14 days shared by 3 open households = 1/7 step a day each, so r steps take 7r days.
  it('gives each household its share of the village pace', () => {
    const pace = { steps: 6, openHouseholds: 3 };
    expect(daysNeeded(2, pace)).toBe(14);
    expect(daysNeeded(7, pace)).toBe(49);
    expect(daysNeeded(0, { steps: 0, openHouseholds: 3 })).toBe(0);
    expect(daysNeeded(1, { steps: 0, openHouseholds: 3 })).toBeNull();
    // 14 days left (2026-12-01 → 12-15): 2 steps fit exactly, 3 do not; no pace at all never fits.
    expect(cannotMakeMoveDate(2, '2026-12-15', '2026-12-01', pace)).toBe(false);
    expect(cannotMakeMoveDate(3, '2026-12-15', '2026-12-01', pace)).toBe(true);
    expect(cannotMakeMoveDate(1, '2027-12-15', '2026-12-01', { steps: 0, openHouseholds: 1 })).toBe(true);
    expect(cannotMakeMoveDate(0, '2026-11-01', '2026-12-01', { steps: 0, openHouseholds: 0 })).toBe(false);
  });

  it('forecasts the completion date: today + ceil(remaining × 14 / steps)', () => {
    // 15 steps to go at 6 steps / 14 days: ceil(35) = 35 days after 2026-12-01.
    expect(forecastDate('2026-12-01', 15, 6)).toBe('2027-01-05');
    // 16 steps: ceil(37.33) = 38 days.
    expect(forecastDate('2026-12-01', 16, 6)).toBe('2027-01-08');
    expect(forecastDate('2026-12-01', 0, 0)).toBe('2026-12-01');
    expect(forecastDate('2026-12-01', 3, 0)).toBeNull();
  });

  it('measures days between business dates across months and years', () => {
    expect(daysFromTo('2026-12-01', '2027-01-30')).toBe(60);
    expect(daysFromTo('2026-12-01', '2026-11-30')).toBe(-1);
  });
});
