import { APPROVAL_LEVELS, ApprovalLevel } from '../approvals/approval-levels';
import { Stage, STAGES } from '../households/household-stages';

export type GuardName = 'notOnHold' | 'intentRecorded';

export interface StageTransition {
  from: Stage;
  to: Stage;
  /** Levels that must approve, in order; empty means the move happens at once. */
  approvers: ApprovalLevel[];
  guards: GuardName[];
}

export interface GuardFacts {
  onHold: boolean;
  intentOption: string;
}

export const GUARDS: Record<
  GuardName,
  { check: (facts: GuardFacts) => boolean; code: string; message: string }
> = {
  notOnHold: {
    check: (f) => !f.onHold,
    code: 'HOUSEHOLD_ON_HOLD',
    message: '该户处于暂停状态（纠纷/信访/诉讼），不能推进',
  },
  intentRecorded: {
    check: (f) => f.intentOption !== 'undecided',
    code: 'INTENT_NOT_RECORDED',
    message: '尚未登记安置意愿，不能进入"意愿已征询"',
  },
};

/** Forward one step at a time; who approves the step into each stage (docs/architecture.md, "Stages"). */
export const STAGE_TRANSITIONS: StageTransition[] = [
  { from: 'registered', to: 'surveyed', approvers: [], guards: ['notOnHold'] },
  { from: 'surveyed', to: 'indicators_confirmed', approvers: ['township'], guards: ['notOnHold'] },
  {
    from: 'indicators_confirmed',
    to: 'intent_collected',
    approvers: [],
    guards: ['notOnHold', 'intentRecorded'],
  },
  {
    from: 'intent_collected',
    to: 'intent_approved',
    approvers: ['township', 'command_centre'],
    guards: ['notOnHold'],
  },
  { from: 'intent_approved', to: 'agreement_signed', approvers: ['command_centre'], guards: ['notOnHold'] },
  { from: 'agreement_signed', to: 'paid', approvers: ['command_centre'], guards: ['notOnHold'] },
  { from: 'paid', to: 'moved_out', approvers: ['township'], guards: ['notOnHold'] },
  { from: 'moved_out', to: 'demolished', approvers: ['township'], guards: ['notOnHold'] },
  { from: 'demolished', to: 'settled', approvers: [], guards: ['notOnHold'] },
  { from: 'settled', to: 'support_registered', approvers: ['command_centre'], guards: ['notOnHold'] },
  { from: 'support_registered', to: 'closed', approvers: ['command_centre'], guards: ['notOnHold'] },
];

/** From this stage on, intent changes need a command-centre approval. */
export const INTENT_FROZEN_FROM: Stage = 'agreement_signed';

/** Checked at start-up: a broken table must stop the server, not surface as odd 422s later. */
export function validateStageTable(transitions: StageTransition[] = STAGE_TRANSITIONS): string[] {
  const problems: string[] = [];
  const reachable = new Set<string>([STAGES[0]]);
  const seen = new Set<string>();
  for (const t of transitions) {
    if (!STAGES.includes(t.from)) problems.push(`unknown stage ${t.from}`);
    if (!STAGES.includes(t.to)) problems.push(`unknown stage ${t.to}`);
    if (STAGES.indexOf(t.to) !== STAGES.indexOf(t.from) + 1)
      problems.push(`${t.from} → ${t.to} is not one step forward`);
    if (seen.has(t.from)) problems.push(`two transitions leave ${t.from}`);
    seen.add(t.from);
    for (const level of t.approvers) {
      if (!APPROVAL_LEVELS.includes(level))
        problems.push(`${t.from} → ${t.to}: unknown approver level ${level}`);
    }
    if (new Set(t.approvers).size !== t.approvers.length)
      problems.push(`${t.from} → ${t.to}: a level approves twice`);
    for (const guard of t.guards)
      if (!(guard in GUARDS)) problems.push(`${t.from} → ${t.to}: unknown guard ${guard}`);
  }
  // Every stage must be reachable from the first by walking the table.
  let grew = true;
  while (grew) {
    grew = false;
    for (const t of transitions) {
      if (reachable.has(t.from) && !reachable.has(t.to)) {
        reachable.add(t.to);
        grew = true;
      }
    }
  }
  for (const stage of STAGES) if (!reachable.has(stage)) problems.push(`stage ${stage} is unreachable`);
  return problems;
}

export function transitionFrom(stage: string): StageTransition | undefined {
  return STAGE_TRANSITIONS.find((t) => t.from === stage);
}

export type TransitionCheck =
  { ok: true; transition: StageTransition } | { ok: false; code: string; message: string };

/** Whether `from → to` is a legal forward step for these facts (role checks are AccessPolicy's). */
export function checkForwardMove(from: string, to: string, facts: GuardFacts): TransitionCheck {
  const fromIndex = STAGES.indexOf(from as Stage);
  const toIndex = STAGES.indexOf(to as Stage);
  if (toIndex === fromIndex) return { ok: false, code: 'ALREADY_IN_STAGE', message: '该户已处于此阶段' };
  if (toIndex < fromIndex) {
    return { ok: false, code: 'BACKWARD_MOVE', message: '阶段不能倒退；如需回退请由指挥部执行回退操作' };
  }
  const transition = transitionFrom(from);
  if (!transition || transition.to !== to) {
    return { ok: false, code: 'STAGE_SKIP', message: '阶段只能逐级推进，不能跳过' };
  }
  for (const guard of transition.guards) {
    if (!GUARDS[guard].check(facts))
      return { ok: false, code: GUARDS[guard].code, message: GUARDS[guard].message };
  }
  return { ok: true, transition };
}
