/** The kinds of unit in the organisation tree (docs/architecture.md, "The organisation"). */
export const ORG_UNIT_KINDS = ['command_centre', 'township', 'village', 'task_force', 'unit'] as const;

export const ORG_UNIT_KIND_LABELS: Record<(typeof ORG_UNIT_KINDS)[number], string> = {
  command_centre: '指挥部',
  township: '乡镇',
  village: '村',
  task_force: '专班',
  unit: '单位',
};
export type OrgUnitKind = (typeof ORG_UNIT_KINDS)[number];
