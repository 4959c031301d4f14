import { readRelation } from './ledger-habits';
import { Issues } from './ledger-issues';
import { LedgerFile } from './ledger-reader';
import { SheetRow } from './ledger-sheet';
import { cleanCode, cleanIdNumber } from './ledger-values';

/**
 * Member rows whose 户编号 is blank or names no household of the file or the database (merged cells are
 * already filled down). Each is an error, and the households of the file it sits between (the nearest
 * readable rows above and below) are not imported: their member lists would otherwise lose it. Only a
 * 户主 row whose ID is not that household's head's is known not to be its.
 * Returns, for each such household, the rows that may be its.
 */
export function unreadableMembers(
  file: LedgerFile,
  rowsByCode: Map<string, SheetRow[]>,
  elsewhere: ReadonlySet<string>,
  orphans: Issues,
): Map<string, number[]> {
  const { members } = file;
  const suspects = new Map<string, number[]>();
  if (!members) return suspects;
  const codes = members.rows.map((row) => cleanCode(members.get(row, 'code') ?? ''));
  const known = (code: string) => code !== '' && rowsByCode.has(code);
  const bad = codes.map((code) => !known(code) && !elsewhere.has(code));
  if (!bad.includes(true)) return suspects;
  const above: (string | null)[] = [];
  let last: string | null = null;
  codes.forEach((code, i) => {
    above[i] = last;
    if (known(code)) last = code;
  });
  let next: string | null = null;
  for (let i = codes.length - 1; i >= 0; i--) {
    const code = codes[i];
    if (bad[i]) {
      const row = members.rows[i];
      const candidates = [...new Set([above[i], next])].filter(
        (c): c is string => c !== null && mayBelong(file, row, rowsByCode.get(c)!),
      );
      for (const candidate of candidates)
        suspects.set(candidate, [row.row, ...(suspects.get(candidate) ?? [])]);
      const what = code ? `「户籍台账」和系统中都没有户编号为「${code}」的户` : '户编号为空';
      const where =
        candidates.length === 0
          ? ''
          : above[i] !== null && above[i] === next
            ? `；该行位于户编号「${next}」的成员之间，可能属于该户：为免该户丢失成员，该户本次未导入`
            : `；可能属于${candidates.map((c) => `「${c}」`).join('或')}：为免丢失成员，${
                candidates.length > 1 ? '这两户' : '该户'
              }本次未导入`;
      orphans.member(row, 'code', `${what}${where}`);
    }
    if (known(code)) next = code;
  }
  return suspects;
}

/** Whether a member row may be of the household of these 户籍台账 rows: not when it is another head. */
function mayBelong(file: LedgerFile, memberRow: SheetRow, householdRows: SheetRow[]): boolean {
  const { households, members } = file;
  if (readRelation(members!.get(memberRow, 'relation') ?? '')?.value !== 'head') return true;
  const id = cleanIdNumber(members!.get(memberRow, 'idNumber') ?? '');
  return householdRows.some((row) => {
    const headId = cleanIdNumber(households.get(row, 'headIdNumber') ?? '');
    return !id || !headId || id === headId;
  });
}
