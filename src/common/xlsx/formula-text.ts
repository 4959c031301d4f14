import type * as ExcelJS from 'exceljs';

/** Characters that make Excel, WPS or LibreOffice read a typed-in or pasted cell as a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;

export const looksLikeFormula = (text: string): boolean => FORMULA_START.test(text);

/**
 * How an exported text cell is written. Every text is a plain string cell (never a formula); one that
 * starts like a formula is also written as inline rich text in a Text-formatted (@) cell, so Excel shows
 * it as text even after someone edits the cell, and the value itself is not altered (round-trips).
 */
export function safeText(text: string | null | undefined): string | { richText: { text: string }[] } {
  if (!text) return '';
  return looksLikeFormula(text) ? { richText: [{ text }] } : text;
}

/**
 * Every text cell of a finished workbook that starts like a formula (a cadre named "=HYPERLINK(…)", a problem
 * description beginning with "-") made Text-formatted rich text, as the ledger export writes them.
 */
export function protectFormulaText(workbook: ExcelJS.Workbook): void {
  workbook.eachSheet((sheet) =>
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        if (typeof cell.value === 'string' && looksLikeFormula(cell.value)) {
          cell.value = safeText(cell.value);
          cell.numFmt = '@';
        }
      }),
    ),
  );
}
