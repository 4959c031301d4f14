import { SelectQueryBuilder } from 'typeorm';
import { HouseholdScope } from '../../common/policy/access-policy';
import { HouseholdEntity } from './entities/household.entity';

/** What the household list and the ledger export filter on (query parameters). */
export interface HouseholdFilter {
  villageId?: string;
  townshipId?: string;
  taskForceId?: string;
  stage?: string;
  intent?: string;
  cadreId?: string;
  light?: string;
  flag?: string;
  onHold?: boolean;
  /** business dates: households with a visit, or a stage advance, that day */
  visitedOn?: string;
  advancedOn?: string;
  /** code or head-name prefix */
  text?: string;
  /** keyed hash of an exact resident ID */
  idHash?: string;
  sort?: string;
}

/** The data scope of AccessPolicy as SQL over household `alias`: a household outside it does not exist. */
export function householdScopeSql(
  scope: HouseholdScope,
  alias = 'h',
): { sql: string; params: Record<string, unknown> } {
  switch (scope.kind) {
    case 'all':
      return { sql: '1 = 1', params: {} };
    case 'cadre':
      return { sql: `${alias}.cadre_id = :scopeCadre`, params: { scopeCadre: scope.cadreId } };
    case 'org':
      return {
        sql: `(${alias}.township_id = :scopeOrg OR ${alias}.village_id = :scopeOrg)`,
        params: { scopeOrg: scope.orgUnitId },
      };
    case 'none':
      return { sql: '1 = 0', params: {} };
  }
}

export function applyHouseholdScope<T extends object>(
  query: SelectQueryBuilder<T>,
  scope: HouseholdScope,
  alias = 'h',
): SelectQueryBuilder<T> {
  if (scope.kind === 'all') return query;
  const { sql, params } = householdScopeSql(scope, alias);
  return query.andWhere(sql, params);
}

/**
 * Joins household `alias` to another module's query on `on` (e.g. `h.id = a.household_id`) and keeps the rows
 * whose household the scope sees; `left` keeps rows without a household (a problem reported for no household),
 * leaving the scope to the caller.
 */
export function joinHousehold<T extends object>(
  query: SelectQueryBuilder<T>,
  on: string,
  options: { scope?: HouseholdScope; left?: boolean; alias?: string } = {},
): SelectQueryBuilder<T> {
  const alias = options.alias ?? 'h';
  if (options.left) query.leftJoin(HouseholdEntity, alias, on);
  else query.innerJoin(HouseholdEntity, alias, on);
  return options.scope ? applyHouseholdScope(query, options.scope, alias) : query;
}
