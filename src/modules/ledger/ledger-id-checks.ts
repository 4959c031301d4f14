import type { CheckedHousehold } from './ledger-checked-household';

/** A resident ID may be in one household only: every household of the file that shares one fails. */
export function checkDuplicateIds(checked: CheckedHousehold[]): void {
  const owners = new Map<string, CheckedHousehold | CheckedHousehold[]>();
  for (const household of checked) {
    for (const member of household.members ?? []) {
      const seen = owners.get(member.idNumber);
      if (!seen) owners.set(member.idNumber, household);
      else owners.set(member.idNumber, Array.isArray(seen) ? [...seen, household] : [seen, household]);
    }
  }
  for (const [idNumber, holders] of owners) {
    if (!Array.isArray(holders)) continue;
    const places = holders.map((household) => {
      const source = household.memberRows.find((m) => m.idNumber === idNumber);
      return {
        household,
        where: source ? `「家庭成员」第 ${source.row.row} 行` : `「户籍台账」第 ${household.row.row} 行`,
      };
    });
    for (const place of places) {
      const elsewhere = places.filter((p) => p.household !== place.household).map((p) => p.where);
      locateId(place.household, idNumber, `身份证号与${elsewhere.join('、')}重复`);
    }
  }
}

/** Resident IDs already registered to another household (from the database). */
export function checkOwners(
  checked: CheckedHousehold[],
  owners: Map<string, string>,
  hash: (id: string) => string,
): void {
  for (const household of checked) {
    for (const member of household.members ?? []) {
      const owner = owners.get(hash(member.idNumber));
      if (owner && owner !== household.existing?.entity.id)
        locateId(household, member.idNumber, '该身份证号已登记在其他户');
    }
  }
}

/** Puts an error on the cell that holds this resident ID: a member row, or the head's column. */
function locateId(household: CheckedHousehold, idNumber: string, message: string): void {
  const source = household.memberRows.find((m) => m.idNumber === idNumber);
  if (source) household.issues.member(source.row, 'idNumber', message, undefined, idNumber);
  else household.issues.household(household.row, 'headIdNumber', message, undefined, idNumber);
}
