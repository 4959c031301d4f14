import { Injectable } from '@nestjs/common';
import { HouseholdScope } from '../../common/policy/access-policy';
import { DuplicateReason, pairKey } from './duplicate-labels';
import { DuplicatesRepository, PersonDetail } from './duplicates.repository';

/** A person of a file about to be written (the ledger): not in the database yet, or not as the file says. */
export interface ProbePerson {
  /** The file's household (户编号) and where the clerk finds it. */
  code: string;
  row: number;
  /** The stored household this file row updates, if any. */
  householdId: string | null;
  idHash: string;
  name: string;
  birthDate: string;
  /** The head's phone hash (heads only). */
  phoneHash: string | null;
}

/** The other person of a likely pair: in the database or in the same file. */
export interface SuspectOther {
  /** 户编号, or null when that household is outside the importer's scope (its code is not theirs to learn). */
  code: string | null;
  name: string;
  birthDate: string;
  /** The other person's row in the file (a pair inside the file). */
  row: number | null;
}

export interface Suspect {
  person: ProbePerson;
  other: SuspectOther;
  reasons: DuplicateReason[];
}

const nameKey = (p: { name: string; birthDate: string }) => `${p.name}\u0000${p.birthDate}`;

/** Ledger imports are scoped to all, or to an official's township or village. */
const inScope = (scope: HouseholdScope, other: PersonDetail) =>
  scope.kind === 'all' ||
  (scope.kind === 'org' && (other.townshipId === scope.orgUnitId || other.villageId === scope.orgUnitId));

/**
 * The likely duplicates of a file before it is written (the ledger's dry run and its notes): the file's people
 * against the database's (households the file rewrites aside: the file's version of them counts) and against each
 * other. Pairs decided "different people" are left out. A handful of set-based lookups for a whole file.
 */
@Injectable()
export class DuplicateProbe {
  constructor(private readonly pairs: DuplicatesRepository) {}

  async probe(scope: HouseholdScope, people: ProbePerson[]): Promise<Suspect[]> {
    if (people.length === 0) return [];
    const fileCodes = new Set(people.map((p) => p.code));
    const fileIds = new Set(people.map((p) => p.householdId).filter((id): id is string => !!id));
    const phoneHashes = people.map((p) => p.phoneHash).filter((hash): hash is string => !!hash);
    const stored = [
      ...(await this.pairs.peopleNamed(
        people.map((p) => p.name),
        people.map((p) => p.birthDate),
      )),
      ...(await this.pairs.headsWithPhones(phoneHashes)),
    ].filter((other) => !fileIds.has(other.householdId) && !fileCodes.has(other.code));

    const storedByName = group(stored, nameKey);
    const storedByPhone = group(
      stored.filter((p) => p.phoneHash),
      (p) => p.phoneHash!,
    );
    const fileByName = group(people, nameKey);
    const fileByPhone = group(
      people.filter((p) => p.phoneHash),
      (p) => p.phoneHash!,
    );

    const found = new Map<string, Suspect>();
    const add = (person: ProbePerson, otherHash: string, other: SuspectOther, reason: DuplicateReason) => {
      if (otherHash === person.idHash) return;
      const key = pairKey(person.idHash, otherHash);
      const suspect = found.get(key);
      if (suspect) {
        if (!suspect.reasons.includes(reason)) suspect.reasons.push(reason);
      } else found.set(key, { person, other, reasons: [reason] });
    };
    for (const person of people) {
      const fromStore = (other: PersonDetail, reason: DuplicateReason) =>
        add(
          person,
          other.idHash,
          {
            code: inScope(scope, other) ? other.code : null,
            name: other.name,
            birthDate: other.birthDate,
            row: null,
          },
          reason,
        );
      const fromFile = (other: ProbePerson, reason: DuplicateReason) => {
        if (other.code === person.code) return;
        add(
          person,
          other.idHash,
          { code: other.code, name: other.name, birthDate: other.birthDate, row: other.row },
          reason,
        );
      };
      for (const other of storedByName.get(nameKey(person)) ?? []) fromStore(other, 'name_birth');
      for (const other of fileByName.get(nameKey(person)) ?? []) fromFile(other, 'name_birth');
      if (person.phoneHash) {
        for (const other of storedByPhone.get(person.phoneHash) ?? []) fromStore(other, 'phone');
        for (const other of fileByPhone.get(person.phoneHash) ?? []) fromFile(other, 'phone');
      }
    }
    if (found.size === 0) return [];
    const different = new Set(
      (await this.pairs.byKeys([...found.keys()]))
        .filter((pair) => pair.status === 'different_people')
        .map((pair) => pair.pairKey),
    );
    return [...found.entries()].filter(([key]) => !different.has(key)).map(([, suspect]) => suspect);
  }
}

function group<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
