import { ProblemScope } from '../../common/policy/access-policy';

/**
 * AccessPolicy's problem scope as SQL over problem `p` and its household `h` (joined LEFT: a problem may have
 * none): a problem outside it does not exist for the caller.
 */
export function problemScopeSql(scope: ProblemScope): { sql: string; params: Record<string, unknown> } {
  switch (scope.kind) {
    case 'all':
      return { sql: '1 = 1', params: {} };
    case 'cadre':
      return {
        sql: '(h.cadre_id = :scopeCadre OR p.reporter_id = :scopeCadre)',
        params: { scopeCadre: scope.cadreId },
      };
    case 'org':
      return {
        sql: '(p.township_id = :scopeOrg OR p.village_id = :scopeOrg)',
        params: { scopeOrg: scope.orgUnitId },
      };
    case 'unit':
      return { sql: 'p.unit_id = :scopeUnit', params: { scopeUnit: scope.unitId } };
    case 'none':
      return { sql: '1 = 0', params: {} };
  }
}
