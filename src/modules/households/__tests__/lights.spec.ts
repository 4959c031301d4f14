import { computeLight, LIGHT_REASON_LABELS, LightFacts, LightReason, problemLight } from '../lights';

const thresholds = { visitIntervalDays: 7, stallYellowDays: 14, stallRedDays: 30 };
const now = new Date('2026-11-28T10:00:00Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);
const base: LightFacts = {
  stage: 'surveyed',
  onHold: false,
  createdAt: daysAgo(40),
  stageChangedAt: daysAgo(1),
  lastVisitAt: daysAgo(1),
  overdueProblems: 0,
  openP1Problems: 0,
};

describe('computeLight', () => {
  it('is green when visited recently and moving', () => {
    expect(computeLight(base, now, thresholds)).toEqual({ light: 'green', reasons: [] });
  });

  it('is yellow after 7 days without a visit, with the reason', () => {
    expect(computeLight({ ...base, lastVisitAt: daysAgo(8) }, now, thresholds)).toEqual({
      light: 'yellow',
      reasons: ['no_visit'],
    });
    expect(computeLight({ ...base, lastVisitAt: daysAgo(6.9) }, now, thresholds).light).toBe('green');
  });

  it('counts from registration when never visited', () => {
    expect(computeLight({ ...base, lastVisitAt: null, createdAt: daysAgo(3) }, now, thresholds).light).toBe(
      'green',
    );
    expect(
      computeLight({ ...base, lastVisitAt: null, createdAt: daysAgo(9) }, now, thresholds).reasons,
    ).toEqual(['no_visit']);
  });

  it('is yellow when stalled 14 days and red at 30', () => {
    expect(computeLight({ ...base, stageChangedAt: daysAgo(15) }, now, thresholds)).toEqual({
      light: 'yellow',
      reasons: ['stalled_yellow'],
    });
    expect(computeLight({ ...base, stageChangedAt: daysAgo(31) }, now, thresholds)).toEqual({
      light: 'red',
      reasons: ['stalled_red'],
    });
  });

  it('is yellow behind its move-date plan and red when it cannot make the move date', () => {
    expect(computeLight({ ...base, behindPlan: true }, now, thresholds)).toEqual({
      light: 'yellow',
      reasons: ['behind_plan'],
    });
    expect(computeLight({ ...base, behindPlan: true, cannotMakeMoveDate: true }, now, thresholds)).toEqual({
      light: 'red',
      reasons: ['cannot_make_move_date', 'behind_plan'],
    });
    expect(
      computeLight({ ...base, stage: 'closed', behindPlan: true, cannotMakeMoveDate: true }, now, thresholds),
    ).toEqual({ light: 'green', reasons: [] });
  });

  it('is red with an overdue or P1 problem, or on hold, and keeps the yellow reasons too', () => {
    expect(computeLight({ ...base, overdueProblems: 1 }, now, thresholds)).toEqual({
      light: 'red',
      reasons: ['problem_overdue'],
    });
    expect(computeLight({ ...base, openP1Problems: 1 }, now, thresholds).reasons).toEqual(['problem_p1']);
    expect(computeLight({ ...base, onHold: true, lastVisitAt: daysAgo(10) }, now, thresholds)).toEqual({
      light: 'red',
      reasons: ['on_hold', 'no_visit'],
    });
  });

  it('turns on the day a threshold is reached, not a day later', () => {
    expect(computeLight({ ...base, lastVisitAt: daysAgo(7) }, now, thresholds).reasons).toEqual(['no_visit']);
    expect(computeLight({ ...base, stageChangedAt: daysAgo(14) }, now, thresholds).reasons).toEqual([
      'stalled_yellow',
    ]);
    expect(computeLight({ ...base, stageChangedAt: daysAgo(30) }, now, thresholds)).toEqual({
      light: 'red',
      reasons: ['stalled_red'],
    });
    expect(computeLight({ ...base, stageChangedAt: daysAgo(29.9) }, now, thresholds).light).toBe('yellow');
    expect(computeLight({ ...base, stageChangedAt: daysAgo(13.9) }, now, thresholds).light).toBe('green');
  });

  it('follows the configured thresholds', () => {
    const strict = { visitIntervalDays: 3, stallYellowDays: 5, stallRedDays: 10 };
    const facts = { ...base, lastVisitAt: daysAgo(4), stageChangedAt: daysAgo(6) };
    expect(computeLight(facts, now, strict).reasons).toEqual(['no_visit', 'stalled_yellow']);
    expect(computeLight(facts, now, thresholds).light).toBe('green');
  });

  it('judges a visit or a stage change in the future (clock skew) as recent', () => {
    const future = new Date(now.getTime() + 40 * 86_400_000);
    expect(
      computeLight({ ...base, lastVisitAt: future, stageChangedAt: future }, now, thresholds).light,
    ).toBe('green');
  });

  it('lists every red reason before the yellow ones', () => {
    expect(
      computeLight(
        {
          ...base,
          overdueProblems: 2,
          openP1Problems: 1,
          onHold: true,
          stageChangedAt: daysAgo(40),
          lastVisitAt: daysAgo(9),
        },
        now,
        thresholds,
      ),
    ).toEqual({
      light: 'red',
      reasons: ['problem_overdue', 'problem_p1', 'on_hold', 'stalled_red', 'no_visit'],
    });
  });

  it('uses the last visit, not the registration, once the household was visited', () => {
    expect(
      computeLight({ ...base, createdAt: daysAgo(100), lastVisitAt: daysAgo(2) }, now, thresholds).light,
    ).toBe('green');
  });

  it('has a Chinese label for every reason it gives', () => {
    const reasons: LightReason[] = [
      'problem_overdue',
      'problem_p1',
      'on_hold',
      'stalled_red',
      'no_visit',
      'stalled_yellow',
      'cannot_make_move_date',
      'behind_plan',
    ];
    expect(Object.keys(LIGHT_REASON_LABELS).sort()).toEqual([...reasons].sort());
    for (const reason of reasons) expect(LIGHT_REASON_LABELS[reason]).toMatch(/\p{Script=Han}/u);
    expect(new Set(Object.values(LIGHT_REASON_LABELS)).size).toBe(reasons.length);
  });

  it('is green once the case is closed', () => {
    expect(
      computeLight(
        { ...base, stage: 'closed', stageChangedAt: daysAgo(100), lastVisitAt: null },
        now,
        thresholds,
      ).light,
    ).toBe('green');
  });
});

describe('problemLight', () => {
  const openedAt = new Date('2026-11-28T00:00:00Z');
  const dueAt = new Date('2026-11-29T00:00:00Z');
  it('turns yellow at 80 % of the deadline and red when overdue', () => {
    expect(problemLight({ status: 'open', openedAt, dueAt }, new Date('2026-11-28T19:00:00Z'))).toBe('green');
    expect(problemLight({ status: 'open', openedAt, dueAt }, new Date('2026-11-28T19:12:00Z'))).toBe(
      'yellow',
    );
    expect(problemLight({ status: 'assigned', openedAt, dueAt }, new Date('2026-11-29T00:00:01Z'))).toBe(
      'red',
    );
    expect(problemLight({ status: 'resolved', openedAt, dueAt }, new Date('2026-12-01T00:00:00Z'))).toBe(
      'green',
    );
  });

  it('is red from the due instant on, and stays green just before 80 %', () => {
    expect(problemLight({ status: 'open', openedAt, dueAt }, dueAt)).toBe('red');
    expect(problemLight({ status: 'reopened', openedAt, dueAt }, new Date('2026-11-28T19:11:00Z'))).toBe(
      'green',
    );
    expect(problemLight({ status: 'open', openedAt, dueAt }, new Date('2026-11-28T23:59:59Z'))).toBe(
      'yellow',
    );
  });

  it('is green for a closed (销号) problem however late', () => {
    expect(problemLight({ status: 'closed', openedAt, dueAt }, new Date('2027-01-01T00:00:00Z'))).toBe(
      'green',
    );
  });

  it('scales with the problem’s own deadline', () => {
    const longDue = new Date('2026-12-08T00:00:00Z'); // ten days
    expect(problemLight({ status: 'open', openedAt, dueAt: longDue }, new Date('2026-12-05T00:00:00Z'))).toBe(
      'green',
    );
    expect(problemLight({ status: 'open', openedAt, dueAt: longDue }, new Date('2026-12-06T00:00:00Z'))).toBe(
      'yellow',
    );
  });
});
