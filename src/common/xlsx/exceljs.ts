import type * as ExcelJSModule from 'exceljs';

let loaded: typeof ExcelJSModule | undefined;

/**
 * exceljs, loaded the first time a workbook is made rather than at start-up: its ~6 MB of heap would
 * otherwise sit in every process, most of which (a worker, an API between exports) never write a workbook.
 */
export function exceljs(): typeof ExcelJSModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- deliberately lazy
  return (loaded ??= require('exceljs') as typeof ExcelJSModule);
}
