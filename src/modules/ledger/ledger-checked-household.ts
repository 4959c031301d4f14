import { MemberInput } from '../households/household-members';
import { ExistingHousehold } from './ledger-context';
import { Issues } from './ledger-issues';
import { MemberDraft } from './ledger-member-parser';
import { HouseholdDraft } from './ledger-row-parser';
import { SheetRow } from './ledger-sheet';

/** One household of the file: its rows, what is wrong with them, and (when nothing is) its target state. */
export interface CheckedHousehold {
  code: string;
  row: SheetRow;
  memberRows: MemberDraft[];
  issues: Issues;
  existing: ExistingHousehold | null;
  draft: HouseholdDraft;
  /** The household's full member list as it will be stored (head first); set when the rows are valid. */
  members?: MemberInput[];
  membersGiven: boolean;
}
