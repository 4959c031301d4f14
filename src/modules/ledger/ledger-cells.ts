import type { CellValue } from 'exceljs';

/**
 * An uploaded cell as text. Dates become YYYY-MM-DD (Excel dates carry no zone: read as UTC), formulas
 * give their cached result, rich text and hyperlinks their text.
 */
export function cellText(value: CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number') return Number.isFinite(value) ? numberText(value) : '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value && Array.isArray(value.richText))
      return value.richText
        .map((part) => part.text)
        .join('')
        .trim();
    if ('formula' in value || 'sharedFormula' in value) {
      return cellText((value as { result?: CellValue }).result ?? null);
    }
    if ('text' in value && 'hyperlink' in value) return cellText(value.text as CellValue);
    if ('error' in value) return '';
  }
  return String(value).trim();
}

/** Whole numbers without exponent or ".0"; float noise (33.330000000000005) rounded away. */
function numberText(value: number): string {
  if (Number.isInteger(value) && Math.abs(value) < 1e21) return value.toFixed(0);
  return String(Number(value.toPrecision(12)));
}

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

/** Excel serial day number (1900 system) → YYYY-MM-DD, for date cells that arrive as bare numbers. */
export function excelSerialToDate(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial > 2958465) return null;
  const ms = Math.round((serial - 25569) * 86_400_000);
  return new Date(ms).toISOString().slice(0, 10);
}

/** Full-width digits, letters and dashes (typed with a Chinese IME) made half-width. */
export function halfWidth(text: string): string {
  return text.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}
