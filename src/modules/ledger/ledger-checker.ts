import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { validationDetails } from '../../common/http/validation';
import { AccessPolicy } from '../../common/policy/access-policy';
import { Actor } from '../../common/policy/actor';
import { residentIdInfo } from '../../common/pii/resident-id';
import { CreateHouseholdDto } from '../households/dtos/household.dto';
import { MemberInput, normalizeMembers } from '../households/household-members';
import { IntentErrors } from '../intents/intents.errors';
import { IntentsService } from '../intents/intents.service';
import { RecordIntentDto } from '../intents/dtos/intent.dto';
import { ExistingHousehold, LedgerContext } from './ledger-context';
import { HouseholdKey, MemberKey } from './ledger-format';
import { Issues } from './ledger-issues';
import { Notes } from './ledger-notes';
import { MemberDraft, parseMemberRow } from './ledger-member-parser';
import { HouseholdDraft, parseHouseholdRow } from './ledger-row-parser';
import { LedgerFile } from './ledger-reader';
import { SheetRow } from './ledger-sheet';
import { checkDuplicateIds, checkOwners } from './ledger-id-checks';
import { unreadableMembers } from './ledger-member-codes';
import { cleanCode } from './ledger-values';
import { CheckedHousehold } from './ledger-checked-household';

const HOUSEHOLD_FIELDS: Record<string, HouseholdKey | null> = {
  code: 'code',
  headName: 'headName',
  headIdNumber: 'headIdNumber',
  phone: 'phone',
  group: 'group',
  address: 'address',
  note: 'note',
  flags: 'flags',
  house: 'floorArea',
  'house.floorArea': 'floorArea',
  'house.structure': 'structure',
  villageId: 'village',
  cadreId: 'cadre',
  members: null,
};

export const STAGE_MESSAGE = '阶段只能通过流转审批变更';
const READ: string[] = [];
const VALIDATION = { whitelist: true, forbidNonWhitelisted: true } as const;

/** Checks every row exactly as the API checks a request (same DTOs, same member rules, same refusals). */
export class LedgerChecker {
  /** Member rows whose 户编号 has no row in 户籍台账. */
  readonly orphans: Issues;
  private readonly notes: Notes;

  constructor(
    private readonly file: LedgerFile,
    private readonly context: LedgerContext,
    private readonly actor: Actor,
  ) {
    this.orphans = new Issues(file.households, file.members);
    this.notes = file.notes;
  }

  /** `elsewhere`: codes of member rows that name a household of the database, not of the file. */
  check(elsewhere: ReadonlySet<string> = new Set()): CheckedHousehold[] {
    const { households, members } = this.file;
    const memberRows = new Map<string, SheetRow[]>();
    for (const row of members?.rows ?? []) {
      const code = cleanCode(members!.get(row, 'code') ?? '');
      memberRows.set(code, [...(memberRows.get(code) ?? []), row]);
    }
    const rowsByCode = new Map<string, SheetRow[]>();
    for (const row of households.rows) {
      const code = cleanCode(households.get(row, 'code') ?? '');
      rowsByCode.set(code, [...(rowsByCode.get(code) ?? []), row]);
    }
    const unreadable = unreadableMembers(this.file, rowsByCode, elsewhere, this.orphans);
    const checked: CheckedHousehold[] = [];
    for (const [code, rows] of rowsByCode) {
      for (const row of rows) {
        const household = this.checkOne(
          code,
          row,
          code && rows.length === 1 ? (memberRows.get(code) ?? []) : [],
        );
        const suspect = code ? unreadable.get(code) : undefined;
        if (suspect)
          household.issues.household(
            row,
            'code',
            `「家庭成员」第 ${suspect.join('、')} 行的户编号无法识别，可能属于本户：为免丢失成员，本户本次未导入`,
            undefined,
            code,
          );
        if (!code) household.issues.household(row, 'code', '不能为空');
        if (code && rows.length > 1) {
          const others = rows.filter((r) => r !== row).map((r) => r.row);
          const message = `户编号重复：与第 ${others.join('、')} 行相同`;
          household.issues.household(row, 'code', message, undefined, code);
        }
        checked.push(household);
      }
    }
    for (const [code, rows] of memberRows) {
      if (!code || rowsByCode.has(code) || !elsewhere.has(code)) continue;
      for (const row of rows) this.orphans.member(row, 'code', `「户籍台账」中没有户编号为「${code}」的户`);
    }
    checkDuplicateIds(checked);
    return checked;
  }

  private checkOne(code: string, row: SheetRow, memberRows: SheetRow[]): CheckedHousehold {
    const { households, members } = this.file;
    const issues = new Issues(households, members);
    const existing = this.context.existing.get(code) ?? null;
    const draft = parseHouseholdRow(households, row, this.context, existing, issues, this.notes);
    const memberDrafts = memberRows.map((r) => parseMemberRow(members!, r, existing, issues, this.notes));
    const household: CheckedHousehold = {
      code,
      row,
      memberRows: memberDrafts,
      issues,
      existing,
      draft,
      membersGiven: memberDrafts.length > 0,
    };
    this.validate(household);
    this.checkRules(household);
    // The cell texts are read; only row numbers are needed from here on.
    for (const sheetRow of [row, ...memberRows]) sheetRow.values = READ;
    return household;
  }

  /** The API's DTO checks, then its member rules (one head, sex and birth date agree with the ID, …). */
  private validate(household: CheckedHousehold): void {
    const { draft, issues, row, memberRows, existing } = household;
    for (const member of memberRows) {
      const info = /^\d{17}[\dX]$/.test(member.idNumber) ? residentIdInfo(member.idNumber) : null;
      if (member.derived.sex && info) member.sex = info.sex;
      if (member.derived.birthDate && info) member.birthDate = info.birthDate;
      if (member.birthMonths && info) this.checkBirthMonth(member, info.birthDate, issues);
    }
    const plain = {
      code: household.code,
      headName: draft.headName,
      headIdNumber: draft.headIdNumber,
      villageId: draft.village?.id,
      ...(draft.cadreId ? { cadreId: draft.cadreId } : {}),
      ...(draft.phone ? { phone: draft.phone } : {}),
      ...(draft.group ? { group: draft.group } : {}),
      ...(draft.address ? { address: draft.address } : {}),
      ...(draft.note ? { note: draft.note } : {}),
      ...(draft.flags ? { flags: draft.flags } : {}),
      ...(draft.house ? { house: draft.house } : {}),
      ...(memberRows.length ? { members: memberRows.map(memberPlain) } : {}),
    };
    for (const detail of validationDetails(
      validateSync(plainToInstance(CreateHouseholdDto, plain), VALIDATION),
    )) {
      const member = detail.field.match(/^members\.(\d+)\.(\w+)$/);
      if (member) {
        const target = memberRows[Number(member[1])];
        const key = member[2] as MemberKey;
        // A blank sex or birth date is derived from the ID: its error is the ID's error.
        if ((key === 'sex' || key === 'birthDate') && target.derived[key]) continue;
        issues.member(target.row, key, detail.message);
      } else if (detail.field === 'members') {
        issues.household(row, null, `家庭成员${detail.message}`);
      } else if (detail.field in HOUSEHOLD_FIELDS) {
        issues.household(row, HOUSEHOLD_FIELDS[detail.field], detail.message);
      }
    }
    if (draft.intent) {
      const intent = { option: draft.intent.option, site: draft.intent.site ?? undefined };
      for (const detail of validationDetails(
        validateSync(plainToInstance(RecordIntentDto, intent), VALIDATION),
      ))
        issues.household(row, detail.field === 'site' ? 'intentSite' : 'intentOption', detail.message);
    }
    const idsValid =
      !issues.has('households', row, 'headIdNumber') &&
      memberRows.every((m) => !issues.has('members', m.row, 'idNumber'));
    if (!idsValid) return;
    const given = memberRows.length
      ? memberRows.map(memberPlain)
      : existing
        ? existing.members
            .map((m, i) => ({ ...m, idNumber: existing.memberIds[i] }))
            .filter((m) => m.relation !== 'head')
            .map(memberInput)
        : undefined;
    const normalized = normalizeMembers(draft.headName, draft.headIdNumber, given);
    for (const error of normalized.errors) this.placeMemberError(household, error.field, error.message);
    if (normalized.errors.length) return;
    const hukou = new Map(existing?.members.map((m, i) => [existing.memberIds[i], m.hukouStatus]) ?? []);
    household.members = normalized.members.map((m) => ({
      ...m,
      ethnicity: m.ethnicity ?? null,
      hukouStatus: m.hukouStatus ?? hukou.get(m.idNumber) ?? null,
    }));
  }

  /** A birth date given to the month is taken from the ID when the two agree, and refused when not. */
  private checkBirthMonth(member: MemberDraft, idBirthDate: string, issues: Issues): void {
    const { members } = this.file;
    const given = members!.get(member.row, 'birthDate') ?? '';
    if (member.birthMonths!.includes(idBirthDate.slice(0, 7))) {
      this.notes.row(
        members!.name,
        members!.locate('birthDate').column ?? undefined,
        'year-month',
        member.row.row,
        (rows) => `第${rows}行的出生日期只到月（如「${given}」），与身份证号相符，按身份证号取到日`,
      );
    } else issues.member(member.row, 'birthDate', `出生年月「${given}」与身份证号（${idBirthDate}）不一致`);
  }

  private placeMemberError(household: CheckedHousehold, field: string, rawMessage: string): void {
    const { issues, row, memberRows, draft } = household;
    const message = rawMessage.replace('headIdNumber', '「户籍台账」中的户主身份证号');
    const indexed = field.match(/^members\[(\d+)\]\.(\w+)$/);
    if (indexed && memberRows.length) {
      issues.member(memberRows[Number(indexed[1])].row, indexed[2] as MemberKey, message);
      return;
    }
    if (memberRows.length && message.includes('一户只能有一名户主')) {
      const heads = memberRows.filter((m) => m.relation === 'head');
      issues.member(heads[heads.length - 1].row, 'relation', message);
      return;
    }
    const duplicateHead = memberRows.find((m) => m.relation !== 'head' && m.idNumber === draft.headIdNumber);
    if (duplicateHead) issues.member(duplicateHead.row, 'relation', message);
    else issues.household(row, 'headIdNumber', message);
  }

  /** What the API would refuse beyond field checks: scope, stage moves, intent changes, reassignment. */
  private checkRules(household: CheckedHousehold): void {
    const { draft, issues, row, existing } = household;
    const { context, actor } = this;
    if (existing && !context.householdInScope(existing.entity)) {
      issues.household(row, 'code', `该户不在您的管辖范围（${context.scopeName}）内，不能修改`);
    }
    if (draft.village && !context.villageInScope(draft.village)) {
      issues.household(row, 'village', `只能导入本辖区（${context.scopeName}）的移民户`);
    }
    // The township asked to approve would lose the request, another would decide it (as in the API).
    if (
      existing &&
      draft.village &&
      draft.village.id !== existing.entity.villageId &&
      context.pendingApproval.has(existing.entity.id)
    ) {
      issues.household(row, 'village', '该户有待审批的申请，审批完成或撤回后才能调整所属村');
    }
    const stage = existing?.entity.stage ?? 'registered';
    if (draft.stage !== undefined && draft.stage !== stage) {
      issues.household(
        row,
        'stage',
        existing ? STAGE_MESSAGE : `新登记的户阶段只能为「已登记」（${STAGE_MESSAGE}）`,
      );
    }
    if (existing && draft.cadreId !== undefined && draft.cadreId !== existing.entity.cadreId) {
      if (!AccessPolicy.canAssignCadre(actor)) issues.household(row, 'cadre', '只有指挥部可以更换包户干部');
    }
    if (draft.intent && intentChanged(existing, draft.intent)) {
      const cadreId = draft.cadreId ?? existing?.entity.cadreId ?? null;
      if (!AccessPolicy.canWorkOnHousehold(actor, { cadreId }))
        issues.household(row, 'intentOption', IntentErrors.notYours().message);
      else if (IntentsService.isFrozen(stage))
        issues.household(row, 'intentOption', IntentErrors.frozen().message);
    }
  }

  /** Resident IDs already registered to another household (from the database). */
  checkOwners(checked: CheckedHousehold[], owners: Map<string, string>, hash: (id: string) => string): void {
    checkOwners(checked, owners, hash);
  }
}

export function intentChanged(existing: ExistingHousehold | null, intent: HouseholdDraft['intent']): boolean {
  if (!intent) return false;
  const current = existing?.entity ?? { intentOption: 'undecided', intentSite: null, intentLivelihood: null };
  return (
    intent.option !== current.intentOption ||
    intent.site !== current.intentSite ||
    intent.livelihood !== current.intentLivelihood
  );
}

/** The fields every member row carries, in the order the API shows them. */
function memberCore(member: Pick<MemberDraft, 'name' | 'idNumber' | 'sex' | 'birthDate' | 'relation'>) {
  return {
    name: member.name,
    idNumber: member.idNumber,
    sex: member.sex,
    birthDate: member.birthDate,
    relation: member.relation,
  };
}

function memberPlain(member: MemberDraft) {
  return { ...memberCore(member), ...(member.ethnicity ? { ethnicity: member.ethnicity } : {}) };
}

function memberInput(
  member: Pick<MemberDraft, 'name' | 'idNumber' | 'sex' | 'birthDate' | 'relation'> & {
    ethnicity: string | null;
    hukouStatus: string | null;
  },
): MemberInput {
  return { ...memberCore(member), ethnicity: member.ethnicity, hukouStatus: member.hukouStatus };
}
