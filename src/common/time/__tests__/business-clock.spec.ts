import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import {
  addDays,
  businessDate,
  daysBetween,
  isValidDateString,
  startOfBusinessDate,
} from '../business-clock';

const INSTANTS = [
  '2026-11-27T15:59:59Z',
  '2026-11-27T15:59:59.999Z',
  '2026-11-27T16:00:00Z',
  '2026-12-31T16:00:00Z',
  '2026-11-27T00:00:00Z',
];
const EXPECTED = ['2026-11-27', '2026-11-27', '2026-11-28', '2027-01-01', '2026-11-27'];

/** Runs businessDate in a fresh Node process with the given TZ (Jest's process.env does not reach ICU). */
function businessDatesUnderTz(tz: string): { offset: number; dates: string[] } {
  const script = `
    const { businessDate } = require(${JSON.stringify(join(__dirname, '..', 'business-clock.ts'))});
    const instants = ${JSON.stringify(INSTANTS)};
    console.log(JSON.stringify({
      offset: new Date('2026-11-27T12:00:00Z').getTimezoneOffset(),
      dates: instants.map((i) => businessDate(new Date(i))),
    }));`;
  const output = execFileSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', script], {
    env: { ...process.env, TZ: tz },
    encoding: 'utf8',
  });
  return JSON.parse(output.trim());
}

describe('businessDate in Asia/Shanghai, whatever the process time zone', () => {
  it('turns the date at 16:00 UTC (midnight in Shanghai) in this process', () => {
    expect(INSTANTS.map((i) => businessDate(new Date(i)))).toEqual(EXPECTED);
  });

  // Zones where the local calendar date differs from Shanghai's at these instants.
  it.each([
    ['UTC', 0],
    ['America/Los_Angeles', 480],
    ['Pacific/Kiritimati', -840],
  ])('gives the same dates in a process running with TZ=%s', (tz, offset) => {
    const result = businessDatesUnderTz(tz);
    expect(result.offset).toBe(offset); // the zone really applied, so the check below means something
    expect(result.dates).toEqual(EXPECTED);
  });

  it('honours another business zone when asked', () => {
    expect(businessDate(new Date('2026-11-27T16:00:00Z'), 'UTC')).toBe('2026-11-27');
  });
});

describe('date helpers', () => {
  it('startOfBusinessDate is midnight in Shanghai', () => {
    expect(startOfBusinessDate('2026-11-28').toISOString()).toBe('2026-11-27T16:00:00.000Z');
    expect(businessDate(startOfBusinessDate('2026-11-28'))).toBe('2026-11-28');
    expect(businessDate(new Date(startOfBusinessDate('2026-11-28').getTime() - 1))).toBe('2026-11-27');
  });

  it('addDays crosses months, years and leap days', () => {
    expect(addDays('2026-11-30', 1)).toBe('2026-12-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('isValidDateString accepts only real YYYY-MM-DD dates', () => {
    expect(isValidDateString('2026-02-28')).toBe(true);
    expect(isValidDateString('2028-02-29')).toBe(true);
    for (const bad of [
      '2026-02-29',
      '2026-02-30',
      '2026-13-01',
      '2026-1-01',
      '20260101',
      '2026-01-01T00:00',
      '',
    ])
      expect(isValidDateString(bad)).toBe(false);
  });

  it('daysBetween counts whole days', () => {
    expect(daysBetween(new Date('2026-11-01T00:00:00Z'), new Date('2026-11-08T00:00:00Z'))).toBe(7);
    expect(daysBetween(new Date('2026-11-01T00:00:00Z'), new Date('2026-11-07T23:59:59Z'))).toBe(6);
  });
});
