import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { Writable } from 'node:stream';
import { AccessPolicy, HouseholdScope } from '../../common/policy/access-policy';
import { Actor } from '../../common/policy/actor';
import { maskPhone, maskResidentId, maskSearchText } from '../../common/pii/masking';
import { PiiCipher } from '../../common/pii/pii-cipher';
import { normalizeResidentId } from '../../common/pii/resident-id';
import { TransactionRunner } from '../../database/transaction-runner';
import { AuditService } from '../audit/audit.service';
import { HouseholdQueryDto } from '../households/dtos/household.dto';
import { flagsFromColumn, householdRevealAudit } from '../households/household.view';
import { HouseholdErrors } from '../households/households.errors';
import { HouseholdFilter } from '../households/household-scope';
import { OrgDirectory, OrgUnit } from '../org/org-directory';
import { STAGE_LABELS, Stage } from '../households/household-stages';
import { LIST_LABELS } from './ledger-format';
import { LedgerTemplateService } from './ledger-template.service';
import { CellInput, LedgerWorkbook } from './ledger-workbook';
import { ExportHousehold, ExportMember, HouseholdRegister } from '../households/household-register';
import { UserDirectory } from '../users/user-directory';

const PAGE = 100;

const label = (labels: Record<string, string>, value: string | null) =>
  value ? (labels[value] ?? value) : null;

/**
 * GET /households/export: the list's filters and data scope, in the ledger format, streamed page by page
 * (keyset paging on 户编号). Resident IDs and phones are masked unless the caller may reveal them and
 * asked to; a reveal is audited per household, like the list's.
 */
@Injectable()
export class LedgerExportService {
  constructor(
    private readonly ledger: HouseholdRegister,
    private readonly users: UserDirectory,
    private readonly org: OrgDirectory,
    private readonly template: LedgerTemplateService,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditService,
    private readonly pii: PiiCipher,
  ) {}

  /** Refuses before anything is streamed (the caller still gets a JSON error). */
  assertAllowed(actor: Actor, query: HouseholdQueryDto): void {
    // A cadre's export holds only their own households, which they may reveal.
    const own = { cadreId: actor.role === 'cadre' ? actor.id : null };
    if (query.reveal && !AccessPolicy.canReveal(actor, own)) throw HouseholdErrors.revealForbidden();
  }

  async write(actor: Actor, query: HouseholdQueryDto, stream: Writable): Promise<number> {
    this.assertAllowed(actor, query);
    const reveal = query.reveal === true;
    const scope = AccessPolicy.householdScope(actor);
    const filter = this.filter(query);
    const [units, cadres, lists] = await Promise.all([
      this.org.all(),
      this.users.cadres(),
      this.template.orgLists(actor),
    ]);
    const names = new OrgNames(units);
    const cadreNames = cadreLabels(cadres);
    const exportId = randomUUID();
    await this.audit.recordAlone(actor, {
      action: 'export',
      entityType: 'ledger_export',
      entityId: exportId,
      context: {
        filter: { ...query, q: maskSearchText(query.q) ?? undefined, page: undefined, pageSize: undefined },
        reveal,
      },
    });

    const workbook = new LedgerWorkbook(stream, lists, false);
    let count = 0;
    let last: string | null = null;
    for await (const page of this.pages(scope, filter, null, true)) {
      if (reveal) await this.auditReveal(actor, page, exportId);
      for (const household of page)
        workbook.addHousehold(this.householdRow(household, names, cadreNames, reveal));
      count += page.length;
      last = page[page.length - 1].code;
      await workbook.flow();
      await drained(stream);
    }
    workbook.endHouseholds();
    // The member sheet pages through the same households again rather than keeping 100,000 ids in memory
    // (every megabyte kept alive lets the heap grow by several before the next full collection).
    if (last !== null) {
      for await (const page of this.pages(scope, filter, last, false)) {
        await this.writeMembers(workbook, page, reveal);
        await workbook.flow();
        await drained(stream);
      }
    }
    await workbook.finish();
    return count;
  }

  /** The filtered households in code order, a page at a time (up to `until` when given). */
  private async *pages(
    scope: HouseholdScope,
    filter: HouseholdFilter,
    until: string | null,
    details: boolean,
  ): AsyncGenerator<ExportHousehold[]> {
    let after: string | null = null;
    for (;;) {
      const page = await this.ledger.exportPage(scope, filter, after, until, PAGE, details);
      if (page.length === 0) return;
      yield page;
      if (page.length < PAGE) return;
      after = page[page.length - 1].code;
    }
  }

  private async writeMembers(
    workbook: LedgerWorkbook,
    page: ExportHousehold[],
    reveal: boolean,
  ): Promise<void> {
    const members = await this.ledger.exportMembers(page.map((h) => h.id));
    const byHousehold = new Map<string, ExportMember[]>();
    for (const member of members) {
      const list = byHousehold.get(member.householdId);
      if (list) list.push(member);
      else byHousehold.set(member.householdId, [member]);
    }
    for (const household of page) {
      for (const member of byHousehold.get(household.id) ?? []) {
        const idNumber = this.pii.decrypt(member.idEnc);
        workbook.addMember([
          household.code,
          member.name,
          reveal ? idNumber : maskResidentId(idNumber),
          label(LIST_LABELS.sex, member.sex),
          member.birthDate,
          label(LIST_LABELS.relation, member.relation),
          label(LIST_LABELS.ethnicity, member.ethnicity),
        ]);
      }
    }
  }

  private householdRow(
    household: ExportHousehold,
    names: OrgNames,
    cadreNames: Map<string, string>,
    reveal: boolean,
  ): CellInput[] {
    const headId = this.pii.decrypt(household.headIdEnc);
    const phone = this.pii.decryptOptional(household.phoneEnc);
    return [
      household.code,
      names.township(household.townshipId),
      names.village(household.villageId),
      household.group,
      household.headName,
      reveal ? headId : maskResidentId(headId),
      reveal ? phone : maskPhone(phone),
      household.address,
      flagsFromColumn(household.flags)
        .map((flag) => label(LIST_LABELS.flag, flag))
        .join('、'),
      household.houseFloorArea,
      label(LIST_LABELS.structure, household.houseStructure),
      household.cadreId ? (cadreNames.get(household.cadreId) ?? null) : null,
      STAGE_LABELS[household.stage as Stage] ?? household.stage,
      label(LIST_LABELS.intentOption, household.intentOption),
      household.intentSite,
      label(LIST_LABELS.livelihood, household.intentLivelihood),
      household.note,
    ];
  }

  private filter(query: HouseholdQueryDto): HouseholdFilter {
    const q = query.q?.trim();
    const isIdNumber = !!q && /^\d{17}[\dXx]$/.test(q);
    return {
      ...query,
      text: isIdNumber ? undefined : q || undefined,
      idHash: isIdNumber ? this.pii.hash(normalizeResidentId(q!)) : undefined,
    };
  }

  private async auditReveal(actor: Actor, households: ExportHousehold[], exportId: string): Promise<void> {
    if (households.some((h) => !AccessPolicy.canReveal(actor, h))) throw HouseholdErrors.revealForbidden();
    // One page's entries in one transaction; the audit repository writes them as multi-row INSERTs.
    await this.audit.recordAlone(
      actor,
      ...households.map((h) => householdRevealAudit(h.id, { export: exportId })),
    );
  }
}

/** Waits while the response's buffer is full, so a slow client does not pile the file up in memory. */
async function drained(stream: Writable): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  if (stream.writableNeedDrain) await once(stream, 'drain');
}

/** Village and township as the import reads them back: the name, or the code where names repeat. */
class OrgNames {
  private readonly units: Map<string, OrgUnit>;
  private readonly repeated = new Set<string>();

  constructor(units: OrgUnit[]) {
    this.units = new Map(units.map((u) => [u.id, u]));
    const seen = new Set<string>();
    for (const unit of units) {
      const key = `${unit.kind}|${unit.kind === 'village' ? unit.parentId : ''}|${unit.name}`;
      if (seen.has(key)) this.repeated.add(key);
      seen.add(key);
    }
  }

  township(id: string | null): string | null {
    return this.name(id);
  }

  village(id: string | null): string | null {
    return this.name(id);
  }

  private name(id: string | null): string | null {
    const unit = id ? this.units.get(id) : undefined;
    if (!unit) return null;
    const key = `${unit.kind}|${unit.kind === 'village' ? unit.parentId : ''}|${unit.name}`;
    return this.repeated.has(key) && unit.code ? unit.code : unit.name;
  }
}

/** A cadre's display name where it is unique, else the username (both are what the import accepts). */
function cadreLabels(cadres: { id: string; username: string; displayName: string }[]): Map<string, string> {
  const count = new Map<string, number>();
  for (const cadre of cadres) count.set(cadre.displayName, (count.get(cadre.displayName) ?? 0) + 1);
  return new Map(cadres.map((c) => [c.id, count.get(c.displayName) === 1 ? c.displayName : c.username]));
}
