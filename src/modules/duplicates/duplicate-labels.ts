/** Why two people look like one (the evidence), with the label screens show. */
export const DUPLICATE_REASONS = {
  name_birth: '同名同出生日期',
  phone: '户主联系电话相同',
} as const;
export type DuplicateReason = keyof typeof DUPLICATE_REASONS;

/** A pair's review state: open until a commander decides. */
export const DUPLICATE_STATUSES = {
  open: '待核查',
  same_person: '同一人（已合并）',
  different_people: '不同人',
} as const;
export type DuplicateStatus = keyof typeof DUPLICATE_STATUSES;

export const DUPLICATE_DECISIONS = ['same_person', 'different_people'] as const;
export type DuplicateDecision = (typeof DUPLICATE_DECISIONS)[number];

export const reasonsToColumn = (reasons: Iterable<DuplicateReason>): string => {
  const list = [...new Set(reasons)].sort();
  return list.length ? `,${list.join(',')},` : '';
};
export const reasonsFromColumn = (column: string): DuplicateReason[] =>
  column.split(',').filter(Boolean) as DuplicateReason[];

/** One row per pair of people, whichever side was seen first. */
export const pairKey = (a: string, b: string): string => (a < b ? `${a}:${b}` : `${b}:${a}`);
