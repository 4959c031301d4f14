import { DAY_MS } from '../../common/time/business-clock';
export { looksLikeFormula, safeText } from '../../common/xlsx/formula-text';

/** A number cell as text: whole numbers without exponent or ".0"; float noise (33.330000000000005) rounded away. */
export function numberText(value: number): string {
  if (Number.isInteger(value) && Math.abs(value) >= 1e15 && Math.abs(value) < 1e21) {
    // Excel keeps 15 significant digits: an 18-digit ID typed as a number reads 433101195501010000.
    const [mantissa, exponent] = value.toExponential(14).split('e');
    const digits = mantissa.replace(/[-.]/g, '').padEnd(Number(exponent) + 1, '0');
    return `${value < 0 ? '-' : ''}${digits}`;
  }
  if (Number.isInteger(value) && Math.abs(value) < 1e21) return value.toFixed(0);
  return String(Number(value.toPrecision(12)));
}

/** Excel serial day number (1900 system) → YYYY-MM-DD, for date cells that arrive as bare numbers. */
export function excelSerialToDate(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial > 2958465) return null;
  const ms = Math.round((serial - 25569) * DAY_MS);
  return new Date(ms).toISOString().slice(0, 10);
}

/** Full-width digits, letters and dashes (typed with a Chinese IME) made half-width. */
export function halfWidth(text: string): string {
  return text.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}
