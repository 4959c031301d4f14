import { canBeScheduled, jobId, jobKey, JobName, scheduledPayload, weekStartOf } from '../job-catalogue';
import { bullJobId, fireTimeOf } from '../job-ids';
import { nextFireTime } from '../drivers/inline-job-queue';

describe('job catalogue', () => {
  it('gives deterministic ids and keys', () => {
    expect(jobId(JobName.DailyReport, { date: '2026-11-25' })).toBe('report:2026-11-25');
    expect(jobKey(JobName.WeeklyBulletin, { weekStart: '2026-11-23' })).toBe('2026-11-23');
    expect(jobId(JobName.Ping, { key: 'a.b@c-1' })).toBe('ping:a.b@c-1');
  });

  it('rejects payloads that cannot be keyed', () => {
    expect(() => jobKey(JobName.DailyCycle, { date: '2026-02-30' })).toThrow(/YYYY-MM-DD/);
    expect(() => jobKey(JobName.WeeklyBulletin, { weekStart: '2026-11-25' })).toThrow(/Monday/);
    expect(() => jobKey(JobName.Ping, { key: 'has:colon' })).toThrow(/ping key/);
  });

  it('finds the Monday of a week', () => {
    expect(weekStartOf('2026-11-23')).toBe('2026-11-23'); // Monday
    expect(weekStartOf('2026-11-29')).toBe('2026-11-23'); // Sunday
    expect(weekStartOf('2026-12-02')).toBe('2026-11-30');
  });

  describe('scheduled payloads come from the fire time in Asia/Shanghai, whatever the server zone', () => {
    it('dates the daily cycle by the business date of the fire time', () => {
      const at = (iso: string) => scheduledPayload(JobName.DailyCycle, new Date(iso), 'Asia/Shanghai');
      expect(at('2026-11-27T15:59:00Z')).toEqual({ date: '2026-11-27' });
      expect(at('2026-11-27T16:01:00Z')).toEqual({ date: '2026-11-28' });
      expect(at('2026-11-27T10:00:00Z')).toEqual({ date: '2026-11-27' }); // 18:00, the default CYCLE_CRON
    });

    it('gives the weekly bulletin a Monday, by the week of the fire time in Shanghai', () => {
      const at = (iso: string) =>
        scheduledPayload(JobName.WeeklyBulletin, new Date(iso), 'Asia/Shanghai').weekStart;
      const mondayMorning = at('2026-11-30T01:00:00Z'); // Monday 09:00, the default BULLETIN_CRON
      const justAfterMidnight = at('2026-11-29T16:30:00Z'); // Monday 00:30 in Shanghai, Sunday in UTC
      const justBefore = at('2026-11-29T15:30:00Z'); // Sunday 23:30 in Shanghai
      for (const weekStart of [mondayMorning, justAfterMidnight, justBefore]) {
        expect(weekStartOf(weekStart)).toBe(weekStart);
      }
      expect(justAfterMidnight).toBe(mondayMorning);
      expect(Date.parse(justAfterMidnight) - Date.parse(justBefore)).toBe(7 * 86_400_000);
    });

    it('refuses to schedule a job without a scheduled payload', () => {
      expect(canBeScheduled(JobName.DailyReport)).toBe(false);
      expect(() => scheduledPayload(JobName.DailyReport, new Date(), 'Asia/Shanghai')).toThrow(
        /cannot be scheduled/,
      );
    });
  });
});

describe('job ids in Redis and fire times', () => {
  it('maps a logical id to a three-part BullMQ id', () => {
    expect(bullJobId('report:2026-11-25')).toBe('job:report:2026-11-25');
    expect(bullJobId('report:2026-11-25@rerun-1')).toBe('job:report:2026-11-25@rerun-1');
    expect(bullJobId('custom:a:b')).toBe('job:custom:a%3Ab');
    expect(bullJobId('plain')).toBe('job:custom:plain');
  });

  it("takes a scheduled run's fire time from its id, then prevMillis, then timestamp + delay", () => {
    const fire = Date.parse('2026-11-27T15:59:00Z');
    expect(fireTimeOf({ id: `repeat:daily-cycle:${fire}`, opts: {}, timestamp: 0 }).getTime()).toBe(fire);
    expect(fireTimeOf({ id: 'x', opts: { prevMillis: fire }, timestamp: 0 }).getTime()).toBe(fire);
    expect(fireTimeOf({ id: 'x', opts: {}, timestamp: fire - 500, delay: 500 }).getTime()).toBe(fire);
  });
});

describe('inline schedules', () => {
  it('computes cron fire times in the schedule zone', () => {
    const after = Date.parse('2026-11-28T12:00:00Z'); // 20:00 in Shanghai
    const next = nextFireTime(
      { id: 'c', name: JobName.DailyCycle, pattern: '0 18 * * *' },
      after,
      'Asia/Shanghai',
    );
    expect(new Date(next).toISOString()).toBe('2026-11-29T10:00:00.000Z');
    const monday = nextFireTime(
      { id: 'b', name: JobName.WeeklyBulletin, pattern: '0 9 * * 1', tz: 'Asia/Shanghai' },
      after,
      'UTC',
    );
    expect(new Date(monday).toISOString()).toBe('2026-11-30T01:00:00.000Z');
  });

  it('aligns intervals', () => {
    expect(nextFireTime({ id: 'e', name: JobName.Ping, every: 1000 }, 12_345, 'UTC')).toBe(13_000);
  });
});
