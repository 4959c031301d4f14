import { ORG_UNIT_KIND_LABELS } from '../org/org-unit-kinds';
import { ROLE_LABELS } from '../../common/policy/role';
import {
  ETHNICITIES,
  HOLD_REASONS,
  HOUSE_STRUCTURES,
  HOUSEHOLD_FLAGS,
  INTENT_OPTIONS,
  LIGHTS,
  LIVELIHOODS,
  RELATIONS,
  SEXES,
} from '../households/household.enums';
import { LIGHT_REASON_LABELS } from '../households/lights';
import { PROBLEM_CATEGORY_LABELS, SEVERITIES, STATUS_LABELS } from '../problems/problem-states';
import { APPROVAL_LEVEL_LABELS } from '../approvals/approval-levels';
import { STAGE_LABELS, STAGES } from '../households/household-stages';
import { ATTITUDE_LABELS, VISIT_METHOD_LABELS } from '../visits/dtos/visit.dto';
import { DUPLICATE_REASONS, DUPLICATE_STATUSES } from '../duplicates/duplicate-labels';
import {
  CHAIN_ROLE_LABELS,
  RESPONSIBILITY_SOURCE_LABELS,
  RESPONSIBLE_ROLE_LABELS,
} from '../responsibility/responsibility-roles';

export interface Option {
  value: string;
  label: string;
}

export const TASK_KIND_LABELS = {
  overdue_visit: '逾期未走访',
  overdue_problem: '问题超期',
  pending_approval: '待审批',
} as const;

const list = (labels: Record<string, string>): Option[] =>
  Object.entries(labels).map(([value, label]) => ({ value, label }));

/**
 * Every value list of the domain with its Chinese label, in the order screens show them: one place for the
 * console, the cadre app and validation messages, read from each domain's own tables.
 */
export function optionsCatalogue() {
  return {
    stages: STAGES.map((value) => ({ value, label: STAGE_LABELS[value] })),
    intents: list(INTENT_OPTIONS),
    livelihoods: list(LIVELIHOODS),
    lights: list(LIGHTS),
    lightReasons: list(LIGHT_REASON_LABELS),
    flags: list(HOUSEHOLD_FLAGS),
    holdReasons: list(HOLD_REASONS),
    houseStructures: list(HOUSE_STRUCTURES),
    relations: list(RELATIONS),
    sexes: list(SEXES),
    // By code (GB 3304): keys like '10' are integer-like, so the object itself lists 10–56 before 01–09.
    ethnicities: list(ETHNICITIES).sort((a, b) => a.value.localeCompare(b.value)),
    visitMethods: list(VISIT_METHOD_LABELS),
    attitudes: list(ATTITUDE_LABELS),
    problemCategories: list(PROBLEM_CATEGORY_LABELS),
    severities: list(SEVERITIES),
    problemStatuses: list(STATUS_LABELS),
    approvalLevels: list(APPROVAL_LEVEL_LABELS),
    taskKinds: list(TASK_KIND_LABELS),
    roles: list(ROLE_LABELS),
    orgUnitKinds: list(ORG_UNIT_KIND_LABELS),
    duplicateReasons: list(DUPLICATE_REASONS),
    duplicateStatuses: list(DUPLICATE_STATUSES),
    responsibleRoles: list({ ...CHAIN_ROLE_LABELS, ...RESPONSIBLE_ROLE_LABELS }),
    responsibilitySources: list(RESPONSIBILITY_SOURCE_LABELS),
  };
}
