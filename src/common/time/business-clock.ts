import { AsyncLocalStorage } from 'node:async_hooks';

export const HOUR_MS = 3_600_000;
/** A day of elapsed time (not a business date: for those, addDays and startOfBusinessDate). */
export const DAY_MS = 24 * HOUR_MS;

const replayed = new AsyncLocalStorage<Date>();

/**
 * "Now" comes from here so tests and jobs can fix it; business dates are always in the business zone.
 * `Clock.at` sets "now" for one piece of work and what it starts (the demo seeder replays past days through the
 * real services this way); everything else in the process keeps the clock's own time.
 */
export abstract class Clock {
  now(): Date {
    const at = replayed.getStore();
    return at ? new Date(at) : this.current();
  }

  /** The clock's own time, outside any `Clock.at`. */
  protected abstract current(): Date;

  /** Runs `work` with "now" at `instant`, for every clock, in this async context only. */
  static at<T>(instant: Date, work: () => Promise<T>): Promise<T> {
    return replayed.run(new Date(instant), work);
  }
}

export class SystemClock extends Clock {
  protected current(): Date {
    return new Date();
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar date (YYYY-MM-DD) of an instant in a time zone, independent of the server's TZ. */
export function businessDate(instant: Date, timeZone = 'Asia/Shanghai'): string {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    formatters.set(timeZone, format);
  }
  return format.format(instant);
}

/** Adds whole days to a YYYY-MM-DD date. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The UTC instant at which a business date starts in Asia/Shanghai (fixed UTC+8, no DST since 1991). */
export function startOfBusinessDate(date: string): Date {
  return new Date(`${date}T00:00:00+08:00`);
}

export function isValidDateString(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

export function daysBetween(fromInstant: Date, toInstant: Date): number {
  return Math.floor((toInstant.getTime() - fromInstant.getTime()) / DAY_MS);
}

/**
 * The instant a past business date is read at (`?asOf=`): its last millisecond, or `now` while it is still
 * today. Null: not a date; 'future': a date still to come.
 */
export function asOfInstant(date: string, now: Date, timeZone = 'Asia/Shanghai'): Date | null | 'future' {
  if (!isValidDateString(date)) return null;
  if (date > businessDate(now, timeZone)) return 'future';
  const last = new Date(startOfBusinessDate(addDays(date, 1)).getTime() - 1);
  return last < now ? last : now;
}
