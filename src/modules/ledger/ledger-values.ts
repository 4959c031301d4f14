import { ETHNICITIES } from '../households/household.enums';
import { excelSerialToDate, halfWidth } from './ledger-cells';

/** How labels are compared: full-width brackets and letters as half-width, spaces ignored. */
const normalizeLabel = (text: string): string =>
  halfWidth(text)
    .replace(/[\s\u3000]+/g, '')
    .toLowerCase();

interface EnumIndex {
  exact: Map<string, string>;
  loose: Map<string, string>;
}
const indexes = new WeakMap<Record<string, string>, EnumIndex>();

/** Label and value lookups of one enum, built once (a ledger has tens of thousands of enum cells). */
function indexOf(labels: Record<string, string>): EnumIndex {
  let index = indexes.get(labels);
  if (!index) {
    index = { exact: new Map(), loose: new Map() };
    for (const [value, label] of Object.entries(labels)) {
      index.exact.set(label, value);
      index.loose.set(normalizeLabel(label), value);
    }
    for (const value of Object.keys(labels)) {
      index.exact.set(value, value);
      index.loose.set(value.toLowerCase(), value);
    }
    indexes.set(labels, index);
  }
  return index;
}

/**
 * An enum cell: its Chinese label or English value (docs/architecture.md, "The domain and its words"; as enumValue reads them), forgiving
 * full-width brackets and spacing (集中安置（统规统建） is 集中安置(统规统建)). Null when it is neither.
 */
export function parseEnum<T extends Record<string, string>>(
  labels: T,
  text: string,
): (keyof T & string) | null {
  const index = indexOf(labels);
  const value = index.exact.get(text.trim()) ?? index.loose.get(normalizeLabel(text));
  return (value as keyof T & string) ?? null;
}

export const labelList = (labels: Record<string, string>): string => Object.values(labels).join('、');

export const invalidChoice = (labels: Record<string, string>, text: string): string =>
  `「${text}」不是有效选项，可选：${labelList(labels)}`;

/** 低保、残疾 / 低保,残疾 / 低保 残疾 … */
export function splitList(text: string): string[] {
  return text
    .split(/[、,，;；/／|\s\u3000]+/)
    .map((part) => part.trim())
    .filter(Boolean);
}

/** GB 3304 code (6 or 06) or name (苗族, or 苗). */
export function parseEthnicity(text: string): string | null {
  const trimmed = halfWidth(text).trim();
  if (/^\d{1,2}$/.test(trimmed)) {
    const code = trimmed.padStart(2, '0');
    return code in ETHNICITIES ? code : null;
  }
  return parseEnum(ETHNICITIES, trimmed) ?? parseEnum(ETHNICITIES, `${trimmed}族`);
}

/** 120.5, 120.5㎡, 120.5 平方米; null for blank, NaN for anything else. */
export function parseArea(text: string): number | null {
  const cleaned = halfWidth(text)
    .replace(/(㎡|m²|m2|平方米|平米)$/i, '')
    .trim();
  if (cleaned === '') return null;
  if (!/^-?\d+(\.\d+)?$/.test(cleaned)) return Number.NaN;
  return Number(cleaned);
}

/**
 * YYYY-MM-DD from what people type: 1980-03-15, 1980/3/15, 1980.3.15, 19800315, 1980年3月15日, or an
 * Excel serial number. Text that is none of these is returned as it is, for the validator to refuse.
 */
export function parseDate(text: string): string {
  const trimmed = halfWidth(text).trim();
  if (/^\d{5}(\.\d+)?$/.test(trimmed)) return excelSerialToDate(Math.floor(Number(trimmed))) ?? trimmed;
  const compact = trimmed.match(/^(\d{4})(\d{2})(\d{2})$/);
  if (compact) return `${compact[1]}-${compact[2]}-${compact[3]}`;
  const parts = trimmed.match(/^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/);
  if (parts) return `${parts[1]}-${parts[2].padStart(2, '0')}-${parts[3].padStart(2, '0')}`;
  return trimmed;
}

/** Resident IDs as typed: half-width, no spaces, x as X. */
export const cleanIdNumber = (text: string): string =>
  halfWidth(text)
    .replace(/[\s\u3000]+/g, '')
    .toUpperCase();

/** Phones as typed: 138-1234-5678, 138 1234 5678, +86 13812345678. */
export function cleanPhone(text: string): string {
  const compact = halfWidth(text).replace(/[\s\u3000-]+/g, '');
  return compact.replace(/^\+?86(?=1\d{10}$)/, '');
}

export const cleanCode = (text: string): string => halfWidth(text).trim();

export const isMasked = (text: string): boolean => text.includes('*');
