import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { EntityManager } from 'typeorm';
import { CommonErrors, ErrorDetail } from '../../common/errors/domain-error';
import { uniqueViolation } from '../../common/errors/unique-violation';
import { Page } from '../../common/http/pagination';
import { AccessPolicy, HouseholdScope } from '../../common/policy/access-policy';
import { Actor } from '../../common/policy/actor';
import { PiiCipher } from '../../common/pii/pii-cipher';
import { normalizeResidentId } from '../../common/pii/resident-id';
import { asOfInstant, Clock } from '../../common/time/business-clock';
import { TransactionRunner } from '../../database/transaction-runner';
import { AuditRecord, AuditService } from '../audit/audit.service';
import { OrgDirectory } from '../org/org-directory';
import { UserDirectory } from '../users/user-directory';
import {
  AssignHouseholdsDto,
  CreateHouseholdDto,
  HouseholdQueryDto,
  HouseholdResponseDto,
  UpdateHouseholdDto,
} from './dtos/household.dto';
import { HouseholdEntity } from './entities/household.entity';
import { MemberEntity } from './entities/member.entity';
import { changedFields, sameMembers } from './household-changes';
import { MemberInput, memberEntities, normalizeMembers } from './household-members';
import { changesHistory, historyRow } from './household-history';
import { flagsToColumn, householdAuditView, householdRevealAudit, householdView } from './household.view';
import { HouseholdErrors } from './households.errors';
import { newHousehold } from './new-household';
import { HouseholdAccess } from './household-access';
import { HouseholdDerived } from './household-derived.service';
import { HouseholdsRepository } from './households.repository';
import { HouseholdLinks } from './household-links';
import { HouseholdFilter } from './household-scope';

/** One page of households with each one's light reasons (stored apart from the row). */
interface ListPage {
  items: HouseholdEntity[];
  total: number;
  reasons: Map<string, string[]>;
}

@Injectable()
export class HouseholdsService {
  constructor(
    private readonly households: HouseholdsRepository,
    private readonly access: HouseholdAccess,
    private readonly links: HouseholdLinks,
    private readonly derived: HouseholdDerived,
    private readonly org: OrgDirectory,
    private readonly users: UserDirectory,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditService,
    private readonly pii: PiiCipher,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async create(actor: Actor, dto: CreateHouseholdDto): Promise<HouseholdResponseDto> {
    const village = await this.requireVillage(dto.villageId);
    await this.requireTaskForce(dto.taskForceId);
    const cadre = dto.cadreId ? await this.requireCadre(dto.cadreId) : null;
    const { members: memberInputs, errors } = normalizeMembers(dto.headName, dto.headIdNumber, dto.members);
    if (errors.length) throw HouseholdErrors.invalid(errors);
    const now = this.clock.now();
    const headId = normalizeResidentId(dto.headIdNumber);
    const household = newHousehold(
      this.pii,
      { ...dto, village, headIdNumber: headId, cadreId: cadre?.id ?? null },
      now,
    );
    const members = this.memberEntities(household.id, memberInputs, now);
    await this.write(dto.code, async (manager) => {
      await this.assertIdsFree(manager, members, dto.members);
      await this.households.insert(manager, household, members);
      await this.households.insertHistory(manager, [historyRow(household, actor.id, 'create', now)]);
      await this.links.duplicates.householdsWritten(manager, [household.id]);
      await this.audit.record(manager, actor, {
        action: 'create',
        entityType: 'household',
        entityId: household.id,
        after: householdAuditView(household, this.pii, members),
      });
    });
    return householdView(household, this.pii, {
      reveal: false,
      cadre: cadre && { id: cadre.id, displayName: cadre.displayName },
      lightReasons: [],
      members,
    });
  }

  async get(actor: Actor, id: string, reveal = false, asOf?: string): Promise<HouseholdResponseDto> {
    if (reveal && !AccessPolicy.mayReveal(actor)) throw HouseholdErrors.revealForbidden();
    const at = asOf === undefined ? null : this.asOfInstant(asOf);
    let household = await this.access.requireVisible(actor, id);
    let lightReasons: string[];
    if (at) {
      // Who may see it is decided today; what it was comes from the events (docs/architecture.md, "History").
      const past = await this.links.past.one(id, at);
      if (!past) throw HouseholdErrors.notYetRegistered(asOf!);
      household = Object.assign(new HouseholdEntity(), household, past);
      lightReasons = past.lightReasons;
    } else lightReasons = (await this.derived.reasonsOf([id])).get(id)!;
    if (reveal) await this.auditReveal(actor, [household]);
    const [members, cadres] = await Promise.all([
      this.households.members([id]),
      this.cadreNames([household]),
    ]);
    const view = householdView(household, this.pii, {
      reveal,
      cadre: cadres.get(household.cadreId ?? '') ?? null,
      lightReasons,
      members,
    });
    return at ? { ...view, asOf } : view;
  }

  /** The instant `?asOf=` reads at, or the 4xx for a date that is not one or is still to come. */
  private asOfInstant(asOf: string): Date {
    const at = asOfInstant(asOf, this.clock.now(), this.config.businessTimeZone);
    if (at === null) throw HouseholdErrors.badAsOf();
    if (at === 'future') throw HouseholdErrors.asOfFuture();
    return at;
  }

  async list(actor: Actor, query: HouseholdQueryDto): Promise<Page<HouseholdResponseDto>> {
    if (query.reveal && !AccessPolicy.mayReveal(actor)) throw HouseholdErrors.revealForbidden();
    const q = query.q?.trim();
    const isIdNumber = q && /^\d{17}[\dXx]$/.test(q);
    const scope = AccessPolicy.householdScope(actor);
    const filter = {
      ...query,
      text: isIdNumber ? undefined : q || undefined,
      idHash: isIdNumber ? this.pii.hash(normalizeResidentId(q)) : undefined,
    };
    const { items, total, reasons } =
      query.asOf === undefined
        ? await this.todayPage(scope, filter, query.page, query.pageSize)
        : await this.pastPage(scope, filter, this.asOfInstant(query.asOf), query.page, query.pageSize);
    const reveal = query.reveal === true;
    if (reveal) await this.auditReveal(actor, items);
    const cadres = await this.cadreNames(items);
    const asOf = query.asOf === undefined ? {} : { asOf: query.asOf };
    return {
      items: items.map((h) => ({
        ...householdView(h, this.pii, {
          reveal,
          cadre: cadres.get(h.cadreId ?? '') ?? null,
          lightReasons: reasons.get(h.id) ?? [],
        }),
        ...asOf,
      })),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  /** A page of the list and its lights' reasons, as they are now. */
  private async todayPage(
    scope: HouseholdScope,
    filter: HouseholdFilter,
    page: number,
    pageSize: number,
  ): Promise<ListPage> {
    const { items, total } = await this.households.list(scope, filter, page, pageSize);
    return { items, total, reasons: await this.derived.reasonsOf(items.map((h) => h.id)) };
  }

  /** A page of the list as it was at `at`: today's rows (names, IDs) with the columns of the past. */
  private async pastPage(
    scope: HouseholdScope,
    filter: HouseholdFilter,
    at: Date,
    page: number,
    pageSize: number,
  ): Promise<ListPage> {
    const past = await this.links.past.list(scope, filter, at, page, pageSize);
    const today = new Map(
      (await this.households.findByIds(past.items.map((item) => item.id))).map((h) => [h.id, h]),
    );
    return {
      items: past.items.map((item) => Object.assign(new HouseholdEntity(), today.get(item.id), item.fields)),
      total: past.total,
      reasons: new Map(past.items.map((item) => [item.id, item.fields.lightReasons])),
    };
  }

  async update(actor: Actor, id: string, dto: UpdateHouseholdDto): Promise<HouseholdResponseDto> {
    const village = dto.villageId ? await this.requireVillage(dto.villageId) : null;
    await this.requireTaskForce(dto.taskForceId);
    const now = this.clock.now();
    const result = await this.write(null, async (manager) => {
      const before = await this.access.requireVisible(actor, id, manager);
      if (!AccessPolicy.canEditHousehold(actor, before)) throw HouseholdErrors.notEditable();
      if (before.version !== dto.version) throw CommonErrors.staleVersion();
      const beforeMembers = await this.households.members([id], manager);
      const fields: Partial<HouseholdEntity> = {};
      if (dto.headName !== undefined) fields.headName = dto.headName;
      if (dto.group !== undefined) fields.group = dto.group;
      if (dto.address !== undefined) fields.address = dto.address;
      if (dto.note !== undefined) fields.note = dto.note;
      if (dto.phone !== undefined) {
        fields.phoneEnc = this.pii.encryptOptional(dto.phone);
        fields.phoneHash = dto.phone ? this.pii.hash(dto.phone) : null;
      }
      if (dto.flags !== undefined) fields.flags = flagsToColumn(dto.flags);
      if (dto.taskForceId !== undefined) fields.taskForceId = dto.taskForceId;
      if (dto.house !== undefined) {
        fields.houseFloorArea = dto.house?.floorArea ?? null;
        fields.houseStructure = dto.house?.structure ?? null;
      }
      if (village) {
        fields.villageId = village.id;
        fields.townshipId = village.parentId;
      }
      let members: MemberEntity[] | undefined;
      if (dto.members !== undefined || dto.headIdNumber !== undefined || dto.headName !== undefined) {
        const headName = dto.headName ?? before.headName;
        const headId = normalizeResidentId(dto.headIdNumber ?? this.pii.decrypt(before.headIdEnc));
        const others =
          dto.members ?? beforeMembers.filter((m) => m.relation !== 'head').map((m) => this.memberInput(m));
        const normalized = normalizeMembers(headName, headId, others);
        if (normalized.errors.length) throw HouseholdErrors.invalid(normalized.errors);
        members = this.memberEntities(id, normalized.members, now);
        fields.headIdEnc = this.pii.encrypt(headId);
        fields.headIdHash = this.pii.hash(headId);
        await this.assertIdsFree(manager, members, dto.members, id);
      }
      const changed = changedFields(before, fields, this.pii);
      const membersChanged = members !== undefined && !sameMembers(beforeMembers, members);
      // A PATCH that changes nothing answers the record as it is: no new version, no audit entry.
      if (Object.keys(changed).length === 0 && !membersChanged)
        return { after: before, members: beforeMembers };
      await this.assertMayMove(manager, actor, before, changed);
      if (!(await this.households.update(manager, id, dto.version, { ...changed, updatedAt: now })))
        throw CommonErrors.staleVersion();
      if (members && membersChanged) await this.households.replaceMembers(manager, id, members);
      await this.links.duplicates.householdsWritten(manager, [id]);
      if (changed.villageId)
        await this.links.problems.followMove(manager, id, changed.villageId, fields.townshipId ?? null);
      const after = (await this.households.findById(id, manager))!;
      if (changesHistory(before, after))
        await this.households.insertHistory(manager, [historyRow(after, actor.id, 'edit', now)]);
      const afterMembers = membersChanged ? members! : beforeMembers;
      await this.audit.record(manager, actor, {
        action: 'update',
        entityType: 'household',
        entityId: id,
        before: householdAuditView(before, this.pii, beforeMembers),
        after: householdAuditView(after, this.pii, afterMembers),
      });
      return { after, members: afterMembers };
    });
    const [cadres, reasons] = await Promise.all([
      this.cadreNames([result.after]),
      this.derived.reasonsOf([id]),
    ]);
    return householdView(result.after, this.pii, {
      reveal: false,
      cadre: cadres.get(result.after.cadreId ?? '') ?? null,
      lightReasons: reasons.get(id)!,
      members: result.members,
    });
  }

  /**
   * Village and task force decide who sees and approves a household: only the command centre moves it, and not
   * while an approval waits (the township that was asked would lose it, another would decide it).
   */
  private async assertMayMove(
    manager: EntityManager,
    actor: Actor,
    before: HouseholdEntity,
    changed: Partial<HouseholdEntity>,
  ): Promise<void> {
    const moved = (['villageId', 'taskForceId'] as const).filter((key) => key in changed);
    if (moved.length === 0) return;
    if (!AccessPolicy.canMoveHousehold(actor)) throw HouseholdErrors.moveForbidden(moved);
    if ('villageId' in changed && (await this.links.approvals.pendingAmong([before.id], manager)).size)
      throw HouseholdErrors.approvalPending();
  }

  /** One request, all or nothing: every household must exist, the cadre must be an active cadre. */
  async assign(actor: Actor, dto: AssignHouseholdsDto): Promise<{ assigned: number }> {
    const cadre = await this.requireCadre(dto.cadreId);
    const now = this.clock.now();
    return this.transactions.run(async (manager) => {
      const found = await this.households
        .filtered(AccessPolicy.householdScope(actor), {}, manager)
        .select(['h.id', 'h.villageId', 'h.townshipId', 'h.taskForceId', 'h.cadreId', 'h.flags', 'h.onHold'])
        .addSelect('h.holdReason')
        .andWhere('h.id IN (:...ids)', { ids: dto.householdIds })
        .getMany();
      if (found.length !== dto.householdIds.length) {
        const present = new Set(found.map((h) => h.id));
        throw HouseholdErrors.someNotFound(dto.householdIds.filter((id) => !present.has(id)));
      }
      const assigned = await this.households.assignCadre(manager, dto.householdIds, cadre.id, now);
      await this.households.insertHistory(
        manager,
        found
          .filter((h) => h.cadreId !== cadre.id)
          .map((h) => historyRow({ ...h, cadreId: cadre.id }, actor.id, 'assign', now)),
      );
      await this.audit.record(
        manager,
        actor,
        ...found.map((h): AuditRecord => ({
          action: 'assign',
          entityType: 'household',
          entityId: h.id,
          before: { cadreId: h.cadreId },
          after: { cadreId: cadre.id },
        })),
      );
      return { assigned };
    });
  }

  private async auditReveal(actor: Actor, households: HouseholdEntity[]): Promise<void> {
    if (households.some((h) => !AccessPolicy.canReveal(actor, h))) throw HouseholdErrors.revealForbidden();
    if (households.length === 0) return;
    await this.audit.recordAlone(actor, ...households.map((h) => householdRevealAudit(h.id)));
  }

  private async write<T>(code: string | null, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await this.transactions.run(work);
    } catch (error) {
      const violation = uniqueViolation(error);
      if (violation && /code/.test(violation)) throw HouseholdErrors.duplicateCode(code ?? '');
      if (violation) throw HouseholdErrors.duplicateResidentId(['headIdNumber']);
      throw error;
    }
  }

  /** `sent` is the members list as the client sent it, so a clash names the client's own index. */
  private async assertIdsFree(
    manager: EntityManager,
    members: MemberEntity[],
    sent: { idNumber: string }[] | undefined,
    householdId?: string,
  ): Promise<void> {
    const taken = await this.households.takenIdHashes(
      manager,
      members.map((m) => m.idHash),
      householdId,
    );
    if (taken.size === 0) return;
    const sentIndex = new Map(
      (sent ?? []).map((m, index) => [this.pii.hash(normalizeResidentId(m.idNumber)), index]),
    );
    const fields = members
      .filter((m) => taken.has(m.idHash))
      .map((m) =>
        m.relation === 'head'
          ? 'headIdNumber'
          : sentIndex.has(m.idHash)
            ? `members[${sentIndex.get(m.idHash)}].idNumber`
            : 'members',
      );
    throw HouseholdErrors.duplicateResidentId(fields);
  }

  private memberEntities(householdId: string, inputs: MemberInput[], now: Date): MemberEntity[] {
    return memberEntities(this.pii, householdId, inputs, now);
  }

  private memberInput(member: MemberEntity): MemberInput {
    return {
      name: member.name,
      idNumber: this.pii.decrypt(member.idEnc),
      sex: member.sex,
      birthDate: member.birthDate,
      relation: member.relation,
      ethnicity: member.ethnicity,
      hukouStatus: member.hukouStatus,
    };
  }

  private async cadreNames(
    households: HouseholdEntity[],
  ): Promise<Map<string, { id: string; displayName: string }>> {
    const ids = [...new Set(households.map((h) => h.cadreId).filter((id): id is string => !!id))];
    const users = await this.users.findByIds(ids);
    return new Map(users.map((u) => [u.id, { id: u.id, displayName: u.displayName }]));
  }

  private async requireVillage(id: string) {
    const unit = await this.org.findById(id);
    if (!unit || unit.kind !== 'village')
      throw HouseholdErrors.invalid([{ field: 'villageId', message: '村不存在' }]);
    return unit;
  }

  private async requireTaskForce(id: string | undefined): Promise<void> {
    if (!id) return;
    const unit = await this.org.findById(id);
    if (!unit || unit.kind !== 'task_force') {
      throw HouseholdErrors.invalid([{ field: 'taskForceId', message: '专班不存在' } satisfies ErrorDetail]);
    }
  }

  private async requireCadre(id: string) {
    const user = await this.users.findById(id);
    if (!user || user.role !== 'cadre' || !user.active) throw HouseholdErrors.notACadre();
    return user;
  }
}
