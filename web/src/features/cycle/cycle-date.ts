const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Whether a string is a real calendar date, YYYY-MM-DD (2026-02-30 is not). */
export function isCalendarDate(value: string | null | undefined): value is string {
  if (!value || !DATE.test(value)) return false;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
}

/**
 * The business date a /cycle URL asks for: its `date` if that is a real date up to today (Asia/Shanghai), else
 * today — a future date has no cycle to run or read.
 */
export function cycleDate(param: string | null, today: string): string {
  return isCalendarDate(param) && param <= today ? param : today;
}
