import { takeBoot } from './data/boot';
import { mobileDb } from './data/db';
import type { OptionList, Options, OutboxKind, SyncHousehold } from './data/types';
import { useLive } from './hooks';

/** The option lists kept on the phone (GET /options on every online sync). */
export function useOptions(): Options | undefined {
  return useLive(
    () => mobileDb().options(),
    [],
    () => takeBoot('options') ?? undefined,
  );
}

export function label(list: OptionList | undefined, value: string | null | undefined): string {
  if (!value) return '—';
  return list?.find((option) => option.value === value)?.label ?? value;
}

export const LIGHT_LABELS: Record<SyncHousehold['light'], string> = {
  red: '红灯',
  yellow: '黄灯',
  green: '绿灯',
};
export const LIGHT_COLORS: Record<SyncHousehold['light'], string> = {
  red: '#ff3141',
  yellow: '#ff8f1f',
  green: '#00b578',
};
const LIGHT_ORDER: Record<SyncHousehold['light'], number> = { red: 0, yellow: 1, green: 2 };

export const KIND_LABELS: Record<OutboxKind, string> = {
  visit: '走访记录',
  intent: '意愿登记',
  problem: '问题反映',
  transition: '阶段申请',
  task: '任务完成',
};

/**
 * Code-unit order of ISO instants and household codes (ASCII both): `localeCompare` goes through the collator and
 * was the start's costliest function (70 ms of a 4×-slowed phone to sort 300 households).
 */
export const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Red lights first, then yellow; within a colour, the longest without a visit first. */
type Urgency = Pick<SyncHousehold, 'light' | 'lastVisitAt' | 'code'>;
export function byUrgency(a: Urgency, b: Urgency): number {
  return (
    LIGHT_ORDER[a.light] - LIGHT_ORDER[b.light] ||
    compareText(a.lastVisitAt ?? '', b.lastVisitAt ?? '') ||
    compareText(a.code, b.code)
  );
}

/** "今天" / "3 天前" / "从未走访": how long since, in whole days in the phone's time zone. */
export function daysAgo(iso: string | null | undefined, now = new Date()): string {
  if (!iso) return '从未走访';
  const day = (d: Date) => Math.floor((d.getTime() - d.getTimezoneOffset() * 60_000) / 86_400_000);
  const days = day(now) - day(new Date(iso));
  if (days <= 0) return '今天';
  if (days === 1) return '昨天';
  return `${days} 天前`;
}

export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getMonth() + 1}月${d.getDate()}日 ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export const householdLabel = (h: Pick<SyncHousehold, 'headName' | 'code'>) => `${h.headName}（${h.code}）`;
