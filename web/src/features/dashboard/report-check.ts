import type { Schemas } from '../../api/client';

export type ReportCheck = Schemas['ReportCheckDto'];

/**
 * The dashboard's alert from the nightly checks (newest first): the latest check that found figures differing
 * from the events, unless a later check of the same date found none (it was put right). Null when all is well.
 */
export function reportCheckAlert(checks: ReportCheck[]): { date: string; text: string } | null {
  const cleared = new Set<string>();
  for (const check of checks) {
    if (check.differences === 0) {
      cleared.add(check.date);
      continue;
    }
    if (cleared.has(check.date)) continue;
    const first = check.detail[0];
    const example = first
      ? `，如 ${first.path}：存 ${first.stored ?? '—'}，重算 ${first.recomputed ?? '—'}`
      : '';
    return {
      date: check.date,
      text: `${check.date} 的日汇报与事件记录有 ${check.differences} 处不一致${example}。请核查是否有绕过系统的数据修改。`,
    };
  }
  return null;
}
