import { lastWeekStart } from '../../lib/format';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The Monday (YYYY-MM-DD) of the week a date falls in: bulletin weeks run Monday to Sunday. */
export function weekStartOf(date: string): string {
  const weekday = (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday 0
  return addDays(date, -weekday);
}

function isCalendarDate(value: string | null): value is string {
  if (!value || !DATE.test(value)) return false;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
}

/**
 * The week this Monday's bulletin covers: the last week that has ended (a bulletin is computed only once its
 * Sunday is over; the Monday 09:00 job runs it). That is the page's default.
 */
export const defaultWeek = (today: string): string => lastWeekStart(today);

/**
 * The week a /bulletins URL asks for: the Monday of its `week` (any day of a week names that week), up to the
 * current week; otherwise the default week.
 */
export function bulletinWeek(param: string | null, today: string): string {
  if (!isCalendarDate(param)) return defaultWeek(today);
  const monday = weekStartOf(param);
  return monday <= weekStartOf(today) ? monday : defaultWeek(today);
}

/** Whether the week is over in Asia/Shanghai, so its bulletin may be generated. */
export const weekOver = (weekStart: string, today: string): boolean => addDays(weekStart, 6) < today;

/** "2026-11-23 至 2026-11-29". */
export const weekLabel = (weekStart: string): string => `${weekStart} 至 ${addDays(weekStart, 6)}`;
