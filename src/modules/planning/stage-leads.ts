import { Stage, STAGES, stageIndex } from '../households/household-stages';

/** A stage's minimum lead: it must be reached at least `days` days before the move date. */
export interface StageLead {
  stage: Stage;
  days: number;
}

/**
 * 搬迁节点倒排: the minimum lead of each stage before the move date (docs/architecture.md, "Planning"), in stage
 * order. The issue's 协议签订 is `agreement_signed`; this codebase has no housing-allocation stage, so 安置房分配's
 * 15 days sit on `paid` (补偿已兑付, the step before moving out); 腾房交钥匙 is `moved_out`, on the day. The last
 * entry is the plan's target: stages after it (demolition, settling in, …) are not planned back from the move.
 * A stage without a lead of its own must be reached by the planned date of the next stage that has one.
 */
export const STAGE_LEADS: StageLead[] = [
  { stage: 'indicators_confirmed', days: 60 },
  { stage: 'intent_approved', days: 45 },
  { stage: 'agreement_signed', days: 30 },
  { stage: 'paid', days: 15 },
  { stage: 'moved_out', days: 0 },
];

/** Checked at start-up, like the stage table: a broken lead table stops the server. */
export function validateLeadTable(table: StageLead[] = STAGE_LEADS): string[] {
  const problems: string[] = [];
  if (table.length === 0) problems.push('the lead table is empty');
  let previous: StageLead | null = null;
  for (const lead of table) {
    if (!STAGES.includes(lead.stage)) {
      problems.push(`unknown stage ${String(lead.stage)}`);
      continue;
    }
    if (lead.stage === STAGES[0])
      problems.push(`${lead.stage} is where every household starts: it has no lead`);
    const valid = Number.isInteger(lead.days) && lead.days >= 0;
    if (!valid)
      problems.push(`${lead.stage}: the lead must be a whole number of days, 0 or more (got ${lead.days})`);
    if (previous) {
      if (stageIndex(lead.stage) <= stageIndex(previous.stage))
        problems.push(`${lead.stage} comes after ${previous.stage}: the table must follow the stage order`);
      else if (valid && lead.days > previous.days)
        problems.push(
          `${lead.stage} (${lead.days} days) has a longer lead than ${previous.stage} before it (${previous.days} days)`,
        );
    }
    if (valid) previous = lead;
  }
  return problems;
}
