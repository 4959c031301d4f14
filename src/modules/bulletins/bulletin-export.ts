import type * as ExcelJS from 'exceljs';
import { addMetricsSheet } from '../daily-cycle/metrics/metrics-sheet';
import { exceljs } from '../../common/xlsx/exceljs';
import { protectFormulaText } from '../../common/xlsx/formula-text';
import {
  PROBLEM_CATEGORY_LABELS,
  ProblemStatus,
  SEVERITIES,
  Severity,
  STATUS_LABELS,
} from '../problems/problem-states';
import { RankRow } from './bulletin-metrics';
import { Ranking, WeeklyBulletinBody } from './bulletin-builder';
import { HOUR_MS } from '../../common/time/business-clock';

const RANKING_SHEETS: [keyof WeeklyBulletinBody['rankings'], string, string][] = [
  ['taskForces', '专班排名', '专班'],
  ['townships', '乡镇排名', '乡镇'],
  ['villages', '村排名', '村'],
  ['units', '单位排名', '后盾单位/职能部门'],
  ['cadres', '包户干部排名', '包户干部'],
];

const dash = (value: number | null) => (value === null ? '—' : value);
const local = (iso: string | null) =>
  iso === null
    ? '—'
    : new Date(new Date(iso).getTime() + 8 * HOUR_MS).toISOString().slice(0, 16).replace('T', ' ');

function rankingSheet(
  workbook: ExcelJS.Workbook,
  title: string,
  who: string,
  ranking: Ranking,
  cadres: boolean,
) {
  const sheet = workbook.addWorksheet(title);
  const households = !title.startsWith('单位');
  const columns: [string, number, (row: RankRow) => ExcelJS.CellValue][] = [
    ['名次', 6, (r) => r.rank],
    [who, 24, (r) => r.name],
    ...(households
      ? ([
          ['户数', 8, (r) => r.households],
          ['期初综合完成率(%)', 16, (r) => dash(r.completionStart)],
          ['综合完成率(%)', 14, (r) => dash(r.completion)],
          ['本周提升(百分点)', 16, (r) => dash(r.gain)],
          ['签约率(%)', 10, (r) => dash(r.signedPercent)],
        ] as [string, number, (row: RankRow) => ExcelJS.CellValue][])
      : []),
    ['本周销号', 10, (r) => r.closed],
    ['其中按期', 10, (r) => r.closedOnTime],
    ['按期销号率(%)', 14, (r) => dash(r.onTimeRate)],
    [cadres ? '超期未走访户数' : '超期问题数', 14, (r) => r.overdue],
  ];
  sheet.columns = columns.map(([header, width]) => ({ header, width }));
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  const bottom = new Set(ranking.bottom.map((b) => b.id));
  for (const row of ranking.rows) {
    const added = sheet.addRow(columns.map(([, , value]) => value(row)));
    if (bottom.has(row.id)) added.font = { color: { argb: 'FFC00000' } };
  }
  sheet.addRow([]);
  sheet.addRow(['排名规则', ranking.rule]);
  sheet.addRow(['末三位', ranking.bottom.map((b) => `${b.rank}. ${b.name}`).join('；') || '无']);
}

/** The bulletin as a workbook: an overview, one sheet per ranking, stalled units and supervised problems. */
export async function bulletinWorkbook(body: WeeklyBulletinBody): Promise<Buffer> {
  const workbook = new (exceljs().Workbook)();
  workbook.creator = '大兴寨水库移民安置指挥部';
  workbook.created = new Date(body.generatedAt);
  const overview = workbook.addWorksheet('总览');
  overview.columns = [
    { header: '项目', width: 24 },
    { header: '数值', width: 30 },
  ];
  overview.getRow(1).font = { bold: true };
  const t = body.totals;
  const lines: [string, ExcelJS.CellValue][] = [
    ['通报周期', `${body.weekStart} 至 ${body.lastDate}`],
    ['生成时间', local(body.generatedAt)],
    ['移民户数', t.households],
    ['期初综合完成率(%)', dash(t.completionStart)],
    ['综合完成率(%)', dash(t.completion)],
    ['本周提升(百分点)', dash(t.gain)],
    ['签约率(%)', dash(t.signedPercent)],
    ['本周销号问题数', t.closed],
    ['其中按期销号', t.closedOnTime],
    ['按期销号率(%)', dash(t.onTimeRate)],
    ['周末超期问题数', t.overdueProblems],
    ['周末超期未走访户数', t.overdueVisits],
    ['挂牌督办问题数', t.supervised],
    [`连续${body.stallWeeks}周无进展单位数`, t.stalledUnits],
  ];
  for (const line of lines) overview.addRow(line);

  for (const [key, title, who] of RANKING_SHEETS) {
    rankingSheet(workbook, title, who, body.rankings[key], key === 'cadres');
  }

  const stalled = workbook.addWorksheet('停滞单位');
  stalled.columns = [
    { header: '单位', width: 24 },
    { header: '在办问题数', width: 12 },
    { header: '最近一次进展', width: 20 },
  ];
  stalled.getRow(1).font = { bold: true };
  for (const unit of body.stalledUnits)
    stalled.addRow([unit.name, unit.activeProblems, local(unit.lastProgressAt)]);

  const supervised = workbook.addWorksheet('挂牌督办');
  supervised.columns = [
    { header: '户编号', width: 16 },
    { header: '村', width: 16 },
    { header: '类别', width: 18 },
    { header: '紧急程度', width: 10 },
    { header: '状态', width: 14 },
    { header: '承办单位', width: 20 },
    { header: '挂号时间', width: 18 },
    { header: '办理时限', width: 18 },
    { header: '是否超期', width: 10 },
    { header: '问题描述', width: 50 },
  ];
  supervised.getRow(1).font = { bold: true };
  for (const p of body.supervised) {
    supervised.addRow([
      p.householdCode ?? '—',
      p.villageName ?? '—',
      (PROBLEM_CATEGORY_LABELS as Record<string, string>)[p.category] ?? p.category,
      SEVERITIES[p.severity as Severity] ?? p.severity,
      STATUS_LABELS[p.status as ProblemStatus] ?? p.status,
      p.unitName ?? '未交办',
      local(p.openedAt),
      local(p.dueAt),
      p.overdue ? '是' : '否',
      p.description,
    ]);
  }
  addMetricsSheet(workbook, 'weekly_bulletin', body.metricVersions);
  protectFormulaText(workbook);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
