/**
 * 指标口径: every figure the daily report (日汇报) and the weekly bulletin (周通报) compute, in one table. The id is
 * the figure's key in the document's JSON; a changed definition gets a higher version, and each stored snapshot
 * records the versions it was computed with (`metricVersions`), so an old figure keeps its meaning.
 * docs/metrics.md is generated from this table (`npm run metrics:doc`); a unit test keeps the two equal.
 */

export type MetricDocument = 'daily_report' | 'weekly_bulletin';

export const METRIC_DOCUMENT_NAMES: Record<MetricDocument, string> = {
  daily_report: '日汇报',
  weekly_bulletin: '周通报',
};

export interface MetricDefinition {
  /** The figure's key in the document's JSON; unique within a document. */
  id: string;
  /** 中文名称, as the document's workbook and the console show it. */
  name: string;
  /** One sentence in Chinese: what is counted, as of when, in whose scope. */
  definition: string;
  /** Starts at 1; raised whenever the definition changes what the figure means. */
  version: number;
  documents: MetricDocument[];
}

/** `{ id: version }`: what a snapshot records; null on snapshots stored before versioning. */
export type MetricVersions = Record<string, number>;

const report = (id: string, name: string, definition: string): MetricDefinition => ({
  id,
  name,
  definition,
  version: 1,
  documents: ['daily_report'],
});

const bulletin = (id: string, name: string, definition: string, version = 1): MetricDefinition => ({
  id,
  name,
  definition,
  version,
  documents: ['weekly_bulletin'],
});

/** Report rows: the total counts everything, a breakdown row what belongs to its village, township or task force. */
const REPORT_SCOPE = '总计为全部，分组行为该村、乡镇或专班的户';

export const METRICS: readonly MetricDefinition[] = [
  report('households', '移民户数', `日汇报生成时已登记的移民户数，${REPORT_SCOPE}。`),
  report('visits', '走访次数', `业务日期为当日的走访记录条数，按被走访户归组，${REPORT_SCOPE}。`),
  report(
    'householdsVisited',
    '走访户数',
    `当日至少有一条走访记录的户数（同户多次只计一次），${REPORT_SCOPE}。`,
  ),
  report('intentChanges', '意愿变更次数', `业务日期为当日的安置意愿登记条数，${REPORT_SCOPE}。`),
  report('stageMoves', '阶段变动次数', `业务日期为当日的阶段事件条数（推进与退回均计），${REPORT_SCOPE}。`),
  report('problemsOpened', '问题挂号数', `挂号日期为当日的问题数，按问题所在村归组，${REPORT_SCOPE}。`),
  report('problemsClosed', '问题销号数', `销号日期为当日的问题数，按问题所在村归组，${REPORT_SCOPE}。`),
  report(
    'problemsOverdue',
    '超期问题数',
    `日汇报生成时仍在办（已挂号、已交办、已复号）且办理时限早于当日24时的问题数，${REPORT_SCOPE}。`,
  ),
  report('approvalsPending', '待审批数', '日汇报生成时状态为待审批的审批申请数，仅总计。'),
  report(
    'priorityHouseholdsTouched',
    '重点户当日动态数',
    '当日有走访、阶段事件或意愿登记的重点户（有困难标记或暂停中）户数，仅总计。',
  ),
  report('stages', '各阶段户数', `日汇报生成时处于各阶段的户数（无户的阶段不列），${REPORT_SCOPE}。`),
  report('count', '阶段户数', '日汇报生成时处于该阶段的户数，全部户。'),
  report('today', '当日进入户数', '当日推进（不含退回）进入该阶段的阶段事件数，全部户。'),
  report('percent', '阶段占比', '该阶段户数占日汇报生成时全部户数的百分比，保留一位小数，无户时为0。'),
  report('assigned', '包户数', '日汇报生成时该包户干部名下的户数。'),
  report('visitedToday', '当日走访户数', '当日该包户干部名下至少走访一次的户数。'),
  report(
    'overdueVisits',
    '超期未走访户数',
    '该包户干部名下未销号、且当日24时前走访间隔天数（默认7天）内无走访的户数，按日汇报生成时的包户关系。',
  ),

  bulletin(
    'stallWeeks',
    '停滞判定周数',
    '判定单位连续无进展所用的周数（STALL_WEEKS，默认2），生成周通报时的配置。',
  ),
  // Version 2: a ranking row's households are those the group had at the week's end (household history), no
  // longer those it has when the bulletin is computed (version 1).
  bulletin(
    'households',
    '移民户数',
    '周末时点（次周一0时）前已登记的户数；总计为全部，排名行为周末时点属于该专班、乡镇、村或包户干部的户（按包户、归属变更历史），单位行为空。',
    2,
  ),
  bulletin(
    'completionStart',
    '期初综合完成率',
    '各户在周一0时所处阶段步数之和除以（户数×11）的百分比，保留一位小数，户为周末时点前已登记者，无户为空。',
  ),
  bulletin(
    'completion',
    '综合完成率',
    '各户在周末时点所处阶段步数之和除以（户数×11）的百分比，保留一位小数，总计为全部户、排名行为该组的户，无户为空。',
  ),
  bulletin(
    'gain',
    '本周提升',
    '同一批户周末时点与周一0时阶段步数之差除以（户数×11）的百分点，保留一位小数，退回使其降低，无户为空。',
  ),
  bulletin(
    'signedPercent',
    '签约率',
    '周末时点处于已签约及以后阶段的户数占户数的百分比，保留一位小数，仅展示不参与排名，无户为空。',
  ),
  bulletin(
    'closed',
    '本周销号数',
    '销号日期在本周一至周日的问题数；村、乡镇按问题所在地，专班、包户干部按问题所属户，单位按承办单位。',
  ),
  bulletin('closedOnTime', '按期销号数', '本周销号的问题中销号时间不晚于办理时限的个数，归组同本周销号数。'),
  bulletin(
    'onTimeRate',
    '按期销号率',
    '按期销号数占本周销号数的百分比，保留一位小数，本周无销号为空，归组同本周销号数。',
  ),
  bulletin(
    'overdueProblems',
    '周末超期问题数',
    '周末时点仍在办（按周末时点状态）且办理时限早于周末时点的问题数，全部问题。',
  ),
  bulletin(
    'overdueVisits',
    '周末超期未走访户数',
    '周末时点未销号、登记满走访间隔天数（默认7天）且此前该间隔内无走访的户数，全部户。',
  ),
  bulletin('supervised', '挂牌督办问题数', '周末时点前被挂牌督办且周末时点未销号的问题数，全部问题。'),
  bulletin('stalledUnits', '停滞单位数', '停滞单位名单中的单位个数（定义见停滞单位·在办问题数）。'),
  bulletin(
    'rank',
    '名次',
    '按排名规则排序的位次，周末时点的数字相同者并列（1、2、2、4），每个排名内各自排序。',
  ),
  bulletin(
    'overdue',
    '超期数',
    '排名行中：专班、乡镇、村、单位为其周末时点在办且超过办理时限的问题数，包户干部为其名下周末超期未走访户数。',
  ),
  bulletin(
    'activeProblems',
    '在办问题数',
    '停滞单位在周末时点的在办问题数；该单位有窗口期前已交办的在办问题、且窗口期内本单位无人办理、其问题无办结或销号时列为停滞。',
  ),
];

/** The versions a document is computed with, in the table's order: what its snapshot records. */
export function metricVersionsOf(
  document: MetricDocument,
  table: readonly MetricDefinition[] = METRICS,
): MetricVersions {
  const versions: MetricVersions = {};
  for (const metric of table) if (metric.documents.includes(document)) versions[metric.id] = metric.version;
  return versions;
}

/** Broken tables stop start-up: ids unique per document, names and definitions present, versions from 1. */
export function checkMetricTable(table: readonly MetricDefinition[]): void {
  const seen = new Set<string>();
  for (const metric of table) {
    if (!metric.name || !metric.definition || metric.documents.length === 0)
      throw new Error(`metric ${metric.id}: name, definition and documents are required`);
    if (!Number.isInteger(metric.version) || metric.version < 1)
      throw new Error(`metric ${metric.id}: version must be an integer from 1`);
    for (const document of metric.documents) {
      const key = `${document}:${metric.id}`;
      if (seen.has(key)) throw new Error(`metric ${metric.id} is defined twice for ${document}`);
      seen.add(key);
    }
  }
}
