import type * as ExcelJS from 'exceljs';
import { exceljs } from '../../../common/xlsx/exceljs';
import { protectFormulaText } from '../../../common/xlsx/formula-text';
import { STAGE_LABELS, Stage } from '../../households/household-stages';
import { addMetricsSheet } from '../metrics/metrics-sheet';
import { Breakdown, DailyReportBody } from './report-builder';

const FIGURES: [keyof Breakdown, string][] = [
  ['name', '名称'],
  ['households', '户数'],
  ['visits', '走访次数'],
  ['householdsVisited', '走访户数'],
  ['intentChanges', '意愿变更'],
  ['stageMoves', '阶段变动'],
  ['problemsOpened', '新增问题'],
  ['problemsClosed', '销号问题'],
  ['problemsOverdue', '超期问题'],
];

function sheet(
  workbook: ExcelJS.Workbook,
  name: string,
  headers: string[],
  rows: (string | number)[][],
): void {
  const ws = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.addRow(headers).font = { bold: true };
  for (const row of rows) ws.addRow(row);
  ws.columns.forEach((column, i) => (column.width = i === 0 ? 24 : 12));
}

/** The daily report as a workbook: one sheet per breakdown, Chinese headers, and the metrics' definitions used. */
export async function dailyReportWorkbook(report: DailyReportBody): Promise<Buffer> {
  const workbook = new (exceljs().Workbook)();
  workbook.created = new Date(report.generatedAt);
  const t = report.totals;
  sheet(
    workbook,
    '总览',
    ['项目', '数值'],
    [
      ['日期', report.date],
      ['生成时间', report.generatedAt],
      ['总户数', t.households],
      ['走访次数', t.visits],
      ['走访户数', t.householdsVisited],
      ['意愿变更', t.intentChanges],
      ['阶段变动', t.stageMoves],
      ['新增问题', t.problemsOpened],
      ['销号问题', t.problemsClosed],
      ['超期问题', t.problemsOverdue],
      ['待审批', t.approvalsPending],
      ['重点户（困难/暂停）当日涉及', t.priorityHouseholdsTouched],
    ],
  );
  sheet(
    workbook,
    '阶段',
    ['阶段', '累计户数', '当日进入', '占比(%)'],
    report.stages.map((s) => [STAGE_LABELS[s.stage as Stage] ?? s.stage, s.count, s.today, s.percent]),
  );
  const breakdown = (rows: Breakdown[]) => rows.map((r) => FIGURES.map(([key]) => r[key] as string | number));
  sheet(
    workbook,
    '按村',
    FIGURES.map(([, label]) => label),
    breakdown(report.byVillage),
  );
  sheet(
    workbook,
    '按乡镇',
    FIGURES.map(([, label]) => label),
    breakdown(report.byTownship),
  );
  sheet(
    workbook,
    '按专班',
    FIGURES.map(([, label]) => label),
    breakdown(report.byTaskForce),
  );
  sheet(
    workbook,
    '按包户干部',
    ['包户干部', '包联户数', '当日走访户数', '逾期未走访户数'],
    report.byCadre.map((c) => [c.displayName, c.assigned, c.visitedToday, c.overdueVisits]),
  );
  addMetricsSheet(workbook, 'daily_report', report.metricVersions);
  protectFormulaText(workbook);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
