import type { Bulletin } from './api';

/** The five rankings of a bulletin, in the order the page and the workbook show them. */
export const RANKINGS: [keyof Bulletin['rankings'], string][] = [
  ['taskForces', '专班'],
  ['townships', '乡镇'],
  ['villages', '村'],
  ['units', '单位'],
  ['cadres', '包户干部'],
];

/** A week's gain in percentage points, signed: "+2.5", "-0.3", "—". */
export const points = (value: number | null): string =>
  value === null ? '—' : `${value > 0 ? '+' : ''}${value.toFixed(1)}`;
