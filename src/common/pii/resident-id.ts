/** GB 11643-1999 citizen identity numbers: 6-digit area, 8-digit birth date, 3-digit sequence, check digit. */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

export type ResidentIdProblem = 'format' | 'birthDate' | 'checksum';

export interface ResidentIdInfo {
  birthDate: string;
  sex: 'male' | 'female';
  areaCode: string;
}

export function residentIdCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

export function normalizeResidentId(value: string): string {
  return value.trim().toUpperCase();
}

function isRealDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Returns what is wrong with the number, or null when it is valid. `today` is YYYY-MM-DD. */
export function residentIdProblem(raw: string, today: string): ResidentIdProblem | null {
  const value = normalizeResidentId(raw);
  if (!/^[1-9]\d{16}[\dX]$/.test(value)) return 'format';
  const year = Number(value.slice(6, 10));
  const month = Number(value.slice(10, 12));
  const day = Number(value.slice(12, 14));
  const birth = `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`;
  if (year < 1850 || !isRealDate(year, month, day) || birth > today) return 'birthDate';
  // Stryker disable next-line MethodExpression: residentIdCheckChar reads the first 17 characters only, so passing all 18 is equivalent
  if (residentIdCheckChar(value.slice(0, 17)) !== value[17]) return 'checksum';
  return null;
}

export function residentIdInfo(raw: string): ResidentIdInfo {
  const value = normalizeResidentId(raw);
  return {
    areaCode: value.slice(0, 6),
    birthDate: `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`,
    sex: Number(value[16]) % 2 === 1 ? 'male' : 'female',
  };
}

/** Builds a valid number (for demo data and tests): area code, birth date YYYY-MM-DD, 3-digit sequence. */
export function makeResidentId(areaCode: string, birthDate: string, sequence: number): string {
  const first17 = `${areaCode}${birthDate.replace(/-/g, '')}${String(sequence % 1000).padStart(3, '0')}`;
  return first17 + residentIdCheckChar(first17);
}

export const RESIDENT_ID_MESSAGES: Record<ResidentIdProblem, string> = {
  format: '身份证号格式不正确（应为18位，最后一位可为X）',
  birthDate: '身份证号中的出生日期不存在或晚于今天',
  checksum: '身份证号校验位不正确',
};
