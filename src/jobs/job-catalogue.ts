import { addDays, businessDate, isValidDateString } from '../common/time/business-clock';

/**
 * Every job the system knows. The value is the BullMQ job name, the job_runs.name and the first part of the
 * deterministic job id (`report:2026-11-25`). Add a name here, its payload to JobPayloads, its key to JOB_KEYS.
 */
export enum JobName {
  /** The daily chain for one business date: report, then review, then dispatch. */
  DailyCycle = 'cycle',
  DailyReport = 'report',
  DailyReview = 'review',
  DailyDispatch = 'dispatch',
  WeeklyBulletin = 'bulletin',
  /** The nightly check: yesterday's stored daily report against the same day recomputed from the events. */
  ReportCheck = 'report-check',
  /** Built-in no-op (optionally slow or failing) job: proves the pipeline end to end. */
  Ping = 'ping',
  /** Tells the people concerned about an event (an approval awaiting them, a problem assigned, a visit's concerns). */
  Notify = 'notify',
}

export const NOTIFY_EVENTS = ['approval_requested', 'problem_assigned', 'visit_concern'] as const;
export type NotifyEvent = (typeof NOTIFY_EVENTS)[number];

/** A business date, YYYY-MM-DD in Asia/Shanghai. */
export interface DatePayload {
  date: string;
}

/** The one typed map from job name to payload. */
export interface JobPayloads {
  [JobName.DailyCycle]: DatePayload;
  [JobName.DailyReport]: DatePayload;
  [JobName.DailyReview]: DatePayload;
  [JobName.DailyDispatch]: DatePayload;
  [JobName.WeeklyBulletin]: { weekStart: string };
  [JobName.ReportCheck]: DatePayload;
  [JobName.Ping]: { key: string; sleepMs?: number; failTimes?: number };
  /** `ref` tells two events about one record apart (the approval level reached, the problem's version). */
  [JobName.Notify]: { event: NotifyEvent; id: string; ref?: string };
}

export type PayloadOf<N extends JobName> = JobPayloads[N];

/** Handlers that must exist at start-up: a missing one fails the boot (every scheduled job is here). */
export const REQUIRED_JOB_HANDLERS: JobName[] = [
  JobName.DailyCycle,
  JobName.DailyReport,
  JobName.DailyReview,
  JobName.DailyDispatch,
  JobName.WeeklyBulletin,
  JobName.ReportCheck,
  JobName.Ping,
  JobName.Notify,
];

/** The steps of the daily cycle, in order (each is in REQUIRED_JOB_HANDLERS). */
export const DAILY_CYCLE_STEPS = [JobName.DailyReport, JobName.DailyReview, JobName.DailyDispatch] as const;

const dateKey = (payload: DatePayload): string => {
  if (!isValidDateString(payload?.date)) throw new Error(`date must be YYYY-MM-DD, got ${payload?.date}`);
  return payload.date;
};

/** The idempotency key of a job: what makes two runs "the same run". Unique per (name, key) in job_runs. */
const JOB_KEYS: { [N in JobName]: (payload: JobPayloads[N]) => string } = {
  [JobName.DailyCycle]: dateKey,
  [JobName.DailyReport]: dateKey,
  [JobName.DailyReview]: dateKey,
  [JobName.DailyDispatch]: dateKey,
  [JobName.ReportCheck]: dateKey,
  [JobName.WeeklyBulletin]: (payload) => {
    if (!isValidDateString(payload?.weekStart) || weekStartOf(payload.weekStart) !== payload.weekStart)
      throw new Error(`weekStart must be a Monday, YYYY-MM-DD, got ${payload?.weekStart}`);
    return payload.weekStart;
  },
  [JobName.Notify]: (payload) => {
    if (
      !NOTIFY_EVENTS.includes(payload?.event) ||
      !/^[\w-]{1,64}$/.test(payload?.id ?? '') ||
      !/^[\w-]{0,40}$/.test(payload?.ref ?? '')
    )
      throw new Error(`notify needs a known event and an id, got ${JSON.stringify(payload)}`);
    return [payload.event, payload.id, payload.ref].filter(Boolean).join(':');
  },
  [JobName.Ping]: (payload) => {
    if (typeof payload?.key !== 'string' || !/^[\w.@-]{1,100}$/.test(payload.key))
      throw new Error(`ping key must be 1-100 letters, digits, . @ _ -, got ${payload?.key}`);
    return payload.key;
  },
};

/**
 * The payload of a run fired by a schedule, from the instant it was scheduled for (never from "now" or the
 * server's TZ): the cycle at 18:00 runs that business date, the Monday bulletin runs the week that just ended.
 */
const SCHEDULED_PAYLOADS: { [N in JobName]?: (firedAt: Date, timeZone: string) => JobPayloads[N] } = {
  [JobName.DailyCycle]: (firedAt, timeZone) => ({ date: businessDate(firedAt, timeZone) }),
  [JobName.WeeklyBulletin]: (firedAt, timeZone) => ({
    weekStart: weekStartOf(addDays(businessDate(firedAt, timeZone), -7)),
  }),
  // Checks the day before the night it fires in.
  [JobName.ReportCheck]: (firedAt, timeZone) => ({ date: addDays(businessDate(firedAt, timeZone), -1) }),
  [JobName.Ping]: (firedAt) => ({ key: `tick-${firedAt.getTime()}` }),
};

export function isJobName(value: unknown): value is JobName {
  return Object.values(JobName).includes(value as JobName);
}

export function jobKey<N extends JobName>(name: N, payload: JobPayloads[N]): string {
  return JOB_KEYS[name](payload);
}

/** The deterministic job id: `report:2026-11-25`. */
export function jobId<N extends JobName>(name: N, payload: JobPayloads[N]): string {
  return `${name}:${jobKey(name, payload)}`;
}

export function canBeScheduled(name: JobName): boolean {
  return SCHEDULED_PAYLOADS[name] !== undefined;
}

export function scheduledPayload<N extends JobName>(
  name: N,
  firedAt: Date,
  timeZone: string,
): JobPayloads[N] {
  const make = SCHEDULED_PAYLOADS[name] as ((at: Date, zone: string) => JobPayloads[N]) | undefined;
  if (!make) throw new Error(`job ${name} cannot be scheduled: no payload for a fire time`);
  return make(firedAt, timeZone);
}

/** The Monday on or before a YYYY-MM-DD date. */
export function weekStartOf(date: string): string {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(date, -((weekday + 6) % 7));
}
