/** Instants as the command centre reads them: Beijing time, whatever the browser's zone. */
const DATE_TIME = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

const DATE = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const parts = Object.fromEntries(DATE_TIME.formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

/** The business date (Asia/Shanghai) of an instant, YYYY-MM-DD. */
export function businessDate(instant: Date = new Date()): string {
  return DATE.format(instant);
}

/** Whole days from one business date to another (both YYYY-MM-DD). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** "3天前", "今天", "从未" for a last-visit column. */
export function sinceLabel(iso: string | null | undefined, today: string = businessDate()): string {
  if (!iso) return '从未';
  const days = daysBetween(businessDate(new Date(iso)), today);
  if (days <= 0) return '今天';
  if (days === 1) return '昨天';
  return `${days}天前`;
}

export function percent(value: number | null | undefined, digits = 1): string {
  return value === null || value === undefined ? '—' : `${value.toFixed(digits)}%`;
}

/** The Monday (YYYY-MM-DD) of the week before the one a business date falls in: the last full bulletin week. */
export function lastWeekStart(today: string = businessDate()): string {
  const date = new Date(`${today}T00:00:00Z`);
  const weekday = (date.getUTCDay() + 6) % 7; // Monday 0
  date.setUTCDate(date.getUTCDate() - weekday - 7);
  return date.toISOString().slice(0, 10);
}
