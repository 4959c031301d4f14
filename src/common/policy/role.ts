/** The six roles of docs/architecture.md, "Roles and access"; AccessPolicy decides what each may do. */
export const ROLES = ['admin', 'commander', 'supervisor', 'cadre', 'official', 'handler'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: '系统管理员',
  commander: '指挥部',
  supervisor: '督导组',
  cadre: '包户干部',
  official: '乡镇/村干部',
  handler: '职能部门/后盾单位',
};
