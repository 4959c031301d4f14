import { RESPONSIBLE_ROLES, ResponsibleRole } from './responsibility-roles';

/**
 * A role's holder for each household of a set-based query over household `alias`, as SQL: three indexed left joins
 * on `responsibility` (the household's own row, its village's, its task force's) and the first holder found.
 * For the overdue lists, the dispatch and the matrix's own reads (docs/architecture.md, "The responsibility
 * matrix"): no query per row. `as` names the output columns: `holder` is `<as>_id`, `source` is `<as>_source`
 * (household, village or task_force), `select` both.
 */
export function roleHolderSql(
  role: ResponsibleRole,
  alias = 'h',
  as: string = role,
): { holder: string; source: string; select: string; joins: string } {
  if (!RESPONSIBLE_ROLES.includes(role)) throw new Error(`unknown role ${role}`);
  const j = (scope: string) => `r_${as}_${scope}`;
  const join = (scope: string, on: string) =>
    `LEFT JOIN responsibility ${j(scope)} ON ${j(scope)}.scope_type = '${scope}' AND ${j(scope)}.scope_id = ${on}` +
    ` AND ${j(scope)}.role = '${role}'`;
  const holder = `COALESCE(${j('household')}.holder_id, ${j('village')}.holder_id, ${j('task_force')}.holder_id) AS ${as}_id`;
  const source =
    `CASE WHEN ${j('household')}.holder_id IS NOT NULL THEN 'household'` +
    ` WHEN ${j('village')}.holder_id IS NOT NULL THEN 'village'` +
    ` WHEN ${j('task_force')}.holder_id IS NOT NULL THEN 'task_force' END AS ${as}_source`;
  return {
    holder,
    source,
    select: `${holder}, ${source}`,
    joins: [
      join('household', `${alias}.id`),
      join('village', `${alias}.village_id`),
      join('task_force', `${alias}.task_force_id`),
    ].join(' '),
  };
}

/**
 * The escalation chain above the cadre for a query over household `alias`: columns `village_leader_id` and
 * `task_force_leader_id` (the cadre is the household's own `cadre_id`); the holders only, as the lists that read
 * it may hold tens of thousands of rows.
 */
export function chainSql(alias = 'h'): { select: string; joins: string } {
  const leader = roleHolderSql('village_leader', alias);
  const taskForce = roleHolderSql('task_force_leader', alias);
  return {
    select: `${leader.holder}, ${taskForce.holder}`,
    joins: `${leader.joins} ${taskForce.joins}`,
  };
}
