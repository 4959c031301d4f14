/** 433101********123X: area code and the last four stay, the birth date and sequence are hidden. */
export function maskResidentId(value: string | null | undefined): string | null {
  if (!value) return value ?? null;
  // Ten characters or fewer would keep nothing hidden between the six and the four shown: hide them all.
  if (value.length <= 10) return '*'.repeat(value.length);
  return `${value.slice(0, 6)}${'*'.repeat(value.length - 10)}${value.slice(-4)}`;
}

/** 138****5678 */
export function maskPhone(value: string | null | undefined): string | null {
  if (!value) return value ?? null;
  // Seven digits or fewer would keep nothing hidden between the three and the four shown: hide them all.
  if (value.length <= 7) return '*'.repeat(value.length);
  return `${value.slice(0, 3)}${'*'.repeat(value.length - 7)}${value.slice(-4)}`;
}

/**
 * Searched text as an audit entry may keep it: a resident ID or phone inside it masked like everywhere else,
 * so a supervisor reading the audit log does not learn the number that was looked up.
 */
export function maskSearchText(value: string | null | undefined): string | null {
  if (!value) return value ?? null;
  return value.replace(/\d{17}[\dXx]|\d{15,}|\d{6,14}/g, (digits) =>
    digits.length >= 15 ? maskResidentId(digits)! : maskPhone(digits)!,
  );
}
