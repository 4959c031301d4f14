import type * as ExcelJS from 'exceljs';
import { METRICS, MetricDefinition, MetricDocument, MetricVersions } from './metric-definitions';

/**
 * The 指标口径 sheet of an exported report or bulletin: each figure it holds, with the version its snapshot was
 * computed with. A figure computed with an older version than today's says so instead of showing today's
 * definition as if it were the one used; a snapshot stored before versioning says that.
 */
export function metricsSheetRows(
  document: MetricDocument,
  versions: MetricVersions | null | undefined,
  table: readonly MetricDefinition[] = METRICS,
): (string | number)[][] {
  const metrics = table.filter((metric) => metric.documents.includes(document));
  if (!versions) {
    return metrics.map((m) => [
      m.id,
      m.name,
      '—',
      `本表生成于指标版本化之前；现行口径（第${m.version}版）：${m.definition}`,
    ]);
  }
  return metrics
    .filter((m) => versions[m.id] !== undefined)
    .map((m) => {
      const used = versions[m.id];
      const text =
        used === m.version
          ? m.definition
          : `按第${used}版口径计算；现行口径为第${m.version}版：${m.definition}`;
      return [m.id, m.name, used, text];
    });
}

export function addMetricsSheet(
  workbook: ExcelJS.Workbook,
  document: MetricDocument,
  versions: MetricVersions | null | undefined,
): void {
  const sheet = workbook.addWorksheet('指标口径', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [
    { header: '指标', width: 24 },
    { header: '名称', width: 20 },
    { header: '版本', width: 8 },
    { header: '口径', width: 90 },
  ];
  sheet.getRow(1).font = { bold: true };
  for (const row of metricsSheetRows(document, versions)) sheet.addRow(row);
  sheet.getColumn(4).alignment = { wrapText: true, vertical: 'top' };
}
