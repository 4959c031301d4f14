import { Injectable } from '@nestjs/common';
import { Writable } from 'node:stream';
import { AccessPolicy } from '../../common/policy/access-policy';
import { Actor } from '../../common/policy/actor';
import { OrgDirectory, OrgUnit } from '../org/org-directory';
import { LedgerWorkbook } from './ledger-workbook';

/** GET /households/import/template: the empty ledger, with drop-downs for the caller's townships and villages. */
@Injectable()
export class LedgerTemplateService {
  constructor(private readonly org: OrgDirectory) {}

  async write(actor: Actor, stream: Writable): Promise<void> {
    const workbook = new LedgerWorkbook(stream, await this.orgLists(actor), true);
    await workbook.finish();
  }

  /** Townships and villages the caller works in (all of them for the command centre). */
  async orgLists(actor: Actor): Promise<{ township: string[]; village: string[] }> {
    const units = await this.org.all();
    const scope = AccessPolicy.householdScope(actor);
    const inScope = (unit: OrgUnit) =>
      scope.kind !== 'org' || unit.id === scope.orgUnitId || unit.parentId === scope.orgUnitId;
    const villages = units.filter((u) => u.kind === 'village' && inScope(u));
    const townshipIds = new Set(villages.map((v) => v.parentId));
    const townships = units.filter(
      (u) =>
        u.kind === 'township' && (scope.kind !== 'org' || townshipIds.has(u.id) || u.id === scope.orgUnitId),
    );
    const names = (list: OrgUnit[]) => [...new Set(list.map((u) => u.name))];
    return { township: names(townships), village: names(villages) };
  }
}
