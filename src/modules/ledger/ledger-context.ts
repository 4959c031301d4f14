import { Injectable } from '@nestjs/common';
import { HouseholdScope } from '../../common/policy/access-policy';
import { PiiCipher } from '../../common/pii/pii-cipher';
import { OrgDirectory, OrgUnit } from '../org/org-directory';
import { HouseholdRegister } from '../households/household-register';
import { User, UserDirectory } from '../users/user-directory';
import { Household, HouseholdMember } from '../households/household-access';

/** A household the file names by code, with its personal data decrypted once for comparison. */
export interface ExistingHousehold {
  entity: Household;
  members: HouseholdMember[];
  headId: string;
  phone: string | null;
  /** Decrypted resident IDs, aligned with `members`. */
  memberIds: string[];
}

export type Resolved<T> = { ok: true; value: T } | { ok: false; error: string };

const byKey = <T>(items: T[], key: (item: T) => string | null): Map<string, T[]> => {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    if (k === null) continue;
    map.set(k, [...(map.get(k) ?? []), item]);
  }
  return map;
};

/** What an import checks rows against: the org tree, the cadres, the households the file names. */
export class LedgerContext {
  private readonly units: Map<string, OrgUnit>;
  private readonly townshipsByName: Map<string, OrgUnit[]>;
  private readonly villagesByName: Map<string, OrgUnit[]>;
  private readonly unitsByCode: Map<string, OrgUnit>;
  private readonly cadresByUsername: Map<string, User>;
  private readonly cadresByName: Map<string, User[]>;

  constructor(
    units: OrgUnit[],
    cadres: User[],
    readonly existing: Map<string, ExistingHousehold>,
    readonly scope: HouseholdScope,
    /** Households of the file with an approval waiting: their village may not change (see HouseholdsService). */
    readonly pendingApproval: Set<string> = new Set(),
  ) {
    this.units = new Map(units.map((u) => [u.id, u]));
    this.townshipsByName = byKey(
      units.filter((u) => u.kind === 'township'),
      (u) => u.name,
    );
    this.villagesByName = byKey(
      units.filter((u) => u.kind === 'village'),
      (u) => u.name,
    );
    this.unitsByCode = new Map(units.filter((u) => u.code).map((u) => [u.code!, u]));
    this.cadresByUsername = new Map(cadres.map((c) => [c.username, c]));
    this.cadresByName = byKey(cadres, (c) => c.displayName);
  }

  unit(id: string | null): OrgUnit | undefined {
    return id ? this.units.get(id) : undefined;
  }

  resolveTownship(text: string): Resolved<OrgUnit> {
    const byCode = this.unitsByCode.get(text);
    if (byCode?.kind === 'township') return { ok: true, value: byCode };
    const named = this.townshipsByName.get(text) ?? [];
    if (named.length === 1) return { ok: true, value: named[0] };
    if (named.length > 1) return { ok: false, error: `有多个名为「${text}」的乡镇，请填写乡镇代码` };
    return { ok: false, error: `乡镇「${text}」不存在` };
  }

  /** A village by code, or by name within the township (or anywhere, when the name is unique). */
  resolveVillage(text: string, township: OrgUnit | null): Resolved<OrgUnit> {
    const byCode = this.unitsByCode.get(text);
    if (byCode?.kind === 'village') {
      if (township && byCode.parentId !== township.id)
        return { ok: false, error: `村「${text}」不属于乡镇「${township.name}」` };
      return { ok: true, value: byCode };
    }
    const candidates = (name: string) =>
      (this.villagesByName.get(name) ?? []).filter((v) => !township || v.parentId === township.id);
    let named = candidates(text);
    if (named.length === 0 && !text.endsWith('村')) named = candidates(`${text}村`);
    if (named.length === 1) return { ok: true, value: named[0] };
    if (township) {
      return named.length
        ? { ok: false, error: `乡镇「${township.name}」下有多个名为「${text}」的村，请填写村代码` }
        : { ok: false, error: `乡镇「${township.name}」下没有名为「${text}」的村` };
    }
    return named.length
      ? { ok: false, error: `有多个名为「${text}」的村，请填写乡镇` }
      : { ok: false, error: `村「${text}」不存在` };
  }

  /** A cadre by username, or by display name when only one active cadre has it. */
  resolveCadre(text: string, currentCadreId: string | null): Resolved<User> {
    const byUsername = this.cadresByUsername.get(text);
    const named = this.cadresByName.get(text) ?? [];
    const current = [byUsername, ...named].find((c) => c && c.id === currentCadreId);
    if (current) return { ok: true, value: current }; // unchanged, even if that cadre was deactivated since
    if (byUsername)
      return byUsername.active
        ? { ok: true, value: byUsername }
        : { ok: false, error: `包户干部「${text}」已停用` };
    const active = named.filter((c) => c.active);
    if (active.length === 1) return { ok: true, value: active[0] };
    if (active.length > 1) return { ok: false, error: `有多名包户干部叫「${text}」，请填写用户名` };
    if (named.length) return { ok: false, error: `包户干部「${text}」已停用` };
    return { ok: false, error: `找不到包户干部「${text}」（请填写用户名或姓名）` };
  }

  /** Whether the importer's data scope covers a village (officials: their own township or village). */
  villageInScope(village: OrgUnit): boolean {
    if (this.scope.kind === 'all') return true;
    if (this.scope.kind !== 'org') return false;
    return village.id === this.scope.orgUnitId || village.parentId === this.scope.orgUnitId;
  }

  householdInScope(household: Household): boolean {
    if (this.scope.kind === 'all') return true;
    if (this.scope.kind !== 'org') return false;
    return household.townshipId === this.scope.orgUnitId || household.villageId === this.scope.orgUnitId;
  }

  get scopeName(): string {
    return this.scope.kind === 'org' ? (this.units.get(this.scope.orgUnitId)?.name ?? '') : '';
  }
}

@Injectable()
export class LedgerContextLoader {
  constructor(
    private readonly org: OrgDirectory,
    private readonly ledger: HouseholdRegister,
    private readonly users: UserDirectory,
    private readonly pii: PiiCipher,
  ) {}

  async load(codes: string[], scope: HouseholdScope): Promise<LedgerContext> {
    const [units, cadres, found] = await Promise.all([
      this.org.all(),
      this.users.cadres(),
      this.ledger.byCodes(codes),
    ]);
    const membersOf = byKey(found.members, (m) => m.householdId);
    const existing = new Map<string, ExistingHousehold>();
    for (const entity of found.households) {
      const members = (membersOf.get(entity.id) ?? []).sort((a, b) => a.position - b.position);
      existing.set(entity.code, {
        entity,
        members,
        headId: this.pii.decrypt(entity.headIdEnc),
        phone: this.pii.decryptOptional(entity.phoneEnc),
        memberIds: members.map((m) => this.pii.decrypt(m.idEnc)),
      });
    }
    return new LedgerContext(units, cadres, existing, scope, found.pendingApproval);
  }
}
