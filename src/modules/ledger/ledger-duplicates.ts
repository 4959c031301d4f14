import { Injectable } from '@nestjs/common';
import { HouseholdScope } from '../../common/policy/access-policy';
import { PiiCipher } from '../../common/pii/pii-cipher';
import { DUPLICATE_REASONS } from '../duplicates/duplicate-labels';
import { DuplicateDetector } from '../duplicates/duplicate-detector';
import { DuplicateProbe, ProbePerson, Suspect } from '../duplicates/duplicate-probe';
import { CheckedHousehold } from './ledger-checked-household';
import { HOUSEHOLD_SHEET } from './ledger-format';
import { Notes } from './ledger-notes';

/**
 * Likely duplicate people of a ledger (the same name and birth date in another household, the same phone on
 * another head): notes, never errors (families split, namesakes exist), in the dry run too; once written, the
 * duplicates module flags them for the command centre's review.
 */
@Injectable()
export class LedgerDuplicates {
  constructor(
    private readonly probe: DuplicateProbe,
    private readonly detector: DuplicateDetector,
    private readonly pii: PiiCipher,
  ) {}

  /** One note per likely pair, on the 户籍台账 row of the household it concerns. */
  async note(
    scope: HouseholdScope,
    households: CheckedHousehold[],
    hash: (idNumber: string) => string,
    notes: Notes,
  ): Promise<void> {
    const people: ProbePerson[] = [];
    for (const household of households) {
      // A phone column left out keeps the stored phone; a blank cell clears it.
      const phone =
        household.draft.phone !== undefined ? household.draft.phone : (household.existing?.phone ?? null);
      for (const member of household.members ?? []) {
        people.push({
          code: household.code,
          row: household.row.row,
          householdId: household.existing?.entity.id ?? null,
          idHash: hash(member.idNumber),
          name: member.name,
          birthDate: member.birthDate,
          phoneHash: member.relation === 'head' && phone ? this.pii.hash(phone) : null,
        });
      }
    }
    for (const suspect of await this.probe.probe(scope, people))
      notes.add({ sheet: HOUSEHOLD_SHEET, row: suspect.person.row, message: duplicateNote(suspect) });
  }

  /** After the writes committed: the written households' pairs flagged for review. */
  async flag(householdIds: string[]): Promise<void> {
    await this.detector.afterBulkWrite(householdIds);
  }
}

export function duplicateNote({ person, other, reasons }: Suspect): string {
  const where =
    other.row !== null
      ? `本表第${other.row}行（${other.code}户）`
      : other.code
        ? `已登记的「${other.code}」户`
        : '已登记的另一户（不在您的管辖范围内）';
  const evidence = reasons.map((reason) => DUPLICATE_REASONS[reason]).join('、');
  return (
    `疑似重复人员：${person.code}户的「${person.name}」（${person.birthDate}）与${where}的「${other.name}」` +
    `（${other.birthDate}）${evidence}。不影响导入，导入后列入疑似重复人员，由指挥部核查`
  );
}
