/** A household's lifecycle (docs/architecture.md, "Stages"), in order: the vocabulary of its `stage` column. */
export const STAGES = [
  'registered',
  'surveyed',
  'indicators_confirmed',
  'intent_collected',
  'intent_approved',
  'agreement_signed',
  'paid',
  'moved_out',
  'demolished',
  'settled',
  'support_registered',
  'closed',
] as const;

export type Stage = (typeof STAGES)[number];

export const STAGE_LABELS: Record<Stage, string> = {
  registered: '已登记',
  surveyed: '实物已调查',
  indicators_confirmed: '实物指标已确认',
  intent_collected: '意愿已征询',
  intent_approved: '意愿已审批',
  agreement_signed: '已签约',
  paid: '补偿已兑付',
  moved_out: '已搬迁腾空',
  demolished: '已拆除',
  settled: '已入住',
  support_registered: '后扶已登记',
  closed: '已销号',
};

export const stageIndex = (stage: string): number => STAGES.indexOf(stage as Stage);
