import type { Download } from '@playwright/test';
import ExcelJS from 'exceljs';

/** Opens a downloaded .xlsx the way Excel would have to: a file that is not a workbook fails here. */
export async function openWorkbook(download: Download): Promise<ExcelJS.Workbook> {
  const path = await download.path();
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  return workbook;
}

/** The value beside a label in a two-column sheet (项目 | 数值), e.g. 总户数 in the report's 总览. */
export function valueBeside(sheet: ExcelJS.Worksheet, label: string): ExcelJS.CellValue | undefined {
  let found: ExcelJS.CellValue | undefined;
  sheet.eachRow((row) => {
    if (row.getCell(1).value === label) found = row.getCell(2).value;
  });
  return found;
}
