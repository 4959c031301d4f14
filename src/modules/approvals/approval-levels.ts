/** The levels an approval walks, in the order a chain lists them (docs/architecture.md, "Approvals"). */
export const APPROVAL_LEVELS = ['township', 'command_centre'] as const;
export type ApprovalLevel = (typeof APPROVAL_LEVELS)[number];

export const APPROVAL_LEVEL_LABELS: Record<ApprovalLevel, string> = {
  township: '乡镇',
  command_centre: '指挥部',
};

/** What an approval may be for; each kind's owning module registers its handler (start-up checks all). */
export const APPROVAL_KINDS = ['stage', 'intent_change'] as const;
export type ApprovalKind = (typeof APPROVAL_KINDS)[number];
