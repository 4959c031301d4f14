export type Role = 'admin' | 'commander' | 'supervisor' | 'cadre' | 'official' | 'handler';

export interface MenuEntry {
  path: string;
  label: string;
  roles: Role[];
}

const DESK: Role[] = ['admin', 'commander', 'supervisor', 'official'];
const DECIDERS: Role[] = ['admin', 'commander', 'official'];
const COMMAND_AND_SUPERVISION: Role[] = ['admin', 'commander', 'supervisor'];

/**
 * The console's pages and who may open them, in menu order: one table the menu, the route guard and the
 * tests read. A handler sees problems and tasks; a cadre works in the phone app (/m/).
 */
export const MENU: MenuEntry[] = [
  { path: '/', label: '挂图作战', roles: DESK },
  { path: '/households', label: '移民户', roles: DESK },
  { path: '/approvals', label: '审批', roles: DECIDERS },
  { path: '/cycle', label: '日调度', roles: DESK },
  { path: '/problems', label: '问题台账', roles: [...DESK, 'handler'] },
  { path: '/tasks', label: '任务', roles: [...DESK, 'handler'] },
  { path: '/bulletins', label: '周通报', roles: COMMAND_AND_SUPERVISION },
  { path: '/ledger', label: '台账导入导出', roles: DECIDERS },
  { path: '/duplicates', label: '疑似重复人员', roles: COMMAND_AND_SUPERVISION },
  { path: '/planning', label: '搬迁节点倒排', roles: COMMAND_AND_SUPERVISION },
  { path: '/responsibility', label: '包保责任', roles: COMMAND_AND_SUPERVISION },
  { path: '/admin/users', label: '用户管理', roles: ['admin'] },
  { path: '/admin/org', label: '组织机构', roles: ['admin'] },
  { path: '/admin/audit', label: '审计日志', roles: ['admin', 'supervisor'] },
];

export const ROLE_LABELS: Record<Role, string> = {
  admin: '系统管理员',
  commander: '指挥部',
  supervisor: '督导组',
  cadre: '包户干部',
  official: '乡镇/村干部',
  handler: '职能部门/后盾单位',
};

export function menuFor(role: Role): MenuEntry[] {
  return MENU.filter((entry) => entry.roles.includes(role));
}

/** Whether a role may open a console path: the longest menu path that contains it decides. */
export function mayOpen(role: Role, pathname: string): boolean {
  const owner = [...MENU]
    .filter((entry) =>
      entry.path === '/'
        ? pathname === '/'
        : pathname === entry.path || pathname.startsWith(`${entry.path}/`),
    )
    .sort((a, b) => b.path.length - a.path.length)[0];
  return owner ? owner.roles.includes(role) : true;
}

/** The cadres' phone app: a separate page load, not a console route. */
export const MOBILE_APP = '/m/';

/** Where a role lands after login: the first page of its menu; a cadre goes to the phone app. */
export function homeFor(role: Role): string {
  if (role === 'cadre') return MOBILE_APP;
  return menuFor(role)[0]?.path ?? '/forbidden';
}

/** Roles that may see full resident IDs and phones (the household's own cadre too, in the phone app). */
export const mayReveal = (role: Role): boolean => role === 'admin' || role === 'commander';
export const isCommand = (role: Role): boolean => role === 'admin' || role === 'commander';
