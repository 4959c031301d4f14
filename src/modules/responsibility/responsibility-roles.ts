/** The roles of the 包保 matrix besides the household's cadre (docs/architecture.md, "The responsibility matrix"). */
export const RESPONSIBLE_ROLES = ['village_leader', 'task_force_leader', 'backing_unit'] as const;
export type ResponsibleRole = (typeof RESPONSIBLE_ROLES)[number];

export const RESPONSIBLE_ROLE_LABELS: Record<ResponsibleRole, string> = {
  village_leader: '包村领导',
  task_force_leader: '工作队长',
  backing_unit: '后盾单位',
};

/** What holds a role: a person (an active user) or an org unit of kind `unit`. */
export const ROLE_HOLDER_KIND: Record<ResponsibleRole, 'user' | 'unit'> = {
  village_leader: 'user',
  task_force_leader: 'user',
  backing_unit: 'unit',
};

/** Where a role is set; a household inherits from its village, then its task force, unless set on it. */
export const RESPONSIBILITY_SCOPES = ['household', 'village', 'task_force'] as const;
export type ResponsibilityScope = (typeof RESPONSIBILITY_SCOPES)[number];

export const RESPONSIBILITY_SCOPE_LABELS: Record<ResponsibilityScope, string> = {
  household: '本户',
  village: '村',
  task_force: '专班',
};

/** Where a household's holder of a role comes from, as screens say it. */
export const RESPONSIBILITY_SOURCE_LABELS: Record<'assignment' | ResponsibilityScope, string> = {
  assignment: '包户分配',
  household: '本户指定',
  village: '随村',
  task_force: '随专班',
};

/** The escalation chain of a household's case, in order: its cadre, then the two leaders. */
export const CHAIN_ROLES = ['cadre', 'village_leader', 'task_force_leader'] as const;
export type ChainRole = (typeof CHAIN_ROLES)[number];

export const CHAIN_ROLE_LABELS: Record<ChainRole, string> = {
  cadre: '包户干部',
  village_leader: RESPONSIBLE_ROLE_LABELS.village_leader,
  task_force_leader: RESPONSIBLE_ROLE_LABELS.task_force_leader,
};

/** Which of two holders wins for a household: its own, then its village's, then its task force's. */
export function inherited<T>(
  household: T | null | undefined,
  village: T | null | undefined,
  taskForce: T | null | undefined,
): { value: T; source: ResponsibilityScope } | null {
  if (household != null) return { value: household, source: 'household' };
  if (village != null) return { value: village, source: 'village' };
  if (taskForce != null) return { value: taskForce, source: 'task_force' };
  return null;
}
