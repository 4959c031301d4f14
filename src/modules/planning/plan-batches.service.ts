import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CommonErrors } from '../../common/errors/domain-error';
import { uniqueViolation } from '../../common/errors/unique-violation';
import { Actor } from '../../common/policy/actor';
import { Clock } from '../../common/time/business-clock';
import { TransactionRunner } from '../../database/transaction-runner';
import { AuditService } from '../audit/audit.service';
import { HouseholdDerived } from '../households/household-derived.service';
import {
  BatchHouseholdsDto,
  CreatePlanBatchDto,
  PlanBatchView,
  RemoveBatchMembersDto,
  SetMoveDateDto,
} from './dtos/planning.dto';
import { PlanBatchEntity } from './entities/plan-batch.entity';
import { PlanningErrors } from './planning.errors';
import { PlanningRepository } from './planning.repository';
import { VillagePaces } from './village-paces';

/**
 * 搬迁批次: a named set of households whose own move date overrides their villages' (docs/architecture.md,
 * "Planning"). Created and moved by the command centre, audited, and replanned at once.
 */
@Injectable()
export class PlanBatchesService {
  constructor(
    private readonly repository: PlanningRepository,
    private readonly paces: VillagePaces,
    private readonly derived: HouseholdDerived,
    private readonly audit: AuditService,
    private readonly transactions: TransactionRunner,
    private readonly clock: Clock,
  ) {}

  async list(): Promise<PlanBatchView[]> {
    return (await this.repository.batches()).map((batch) =>
      this.view(batch, batch.households, batch.villageIds, 0),
    );
  }

  async create(actor: Actor, dto: CreatePlanBatchDto): Promise<PlanBatchView> {
    const now = this.clock.now();
    this.requireFuture(dto.moveDate, now);
    const name = dto.name.trim();
    const reason = dto.reason.trim();
    let householdIds: string[] = [];
    const { batch, villageIds } = await this.transactions
      .run(async (manager) => {
        if (await this.repository.findBatchByName(manager, name)) throw PlanningErrors.batchNameTaken(name);
        householdIds = await this.selected(manager, dto);
        const villages = await this.repository.householdVillages(manager, householdIds);
        if (villages.size < householdIds.length)
          throw PlanningErrors.unknownHouseholds(householdIds.length - villages.size);
        const taken = await this.repository.membersAmong(manager, householdIds);
        if (taken.size) throw PlanningErrors.memberTaken(taken.size, [...taken.values()][0]);
        const created = Object.assign(new PlanBatchEntity(), {
          id: randomUUID(),
          name,
          moveDate: dto.moveDate,
          reason,
          updatedBy: actor.id,
          createdAt: now,
          updatedAt: now,
          version: 1,
        });
        await this.repository.insertBatch(manager, created, householdIds);
        await this.audit.record(manager, actor, {
          action: 'move_date_set',
          entityType: 'plan_batch',
          entityId: created.id,
          after: { name, moveDate: dto.moveDate },
          context: { reason, households: householdIds.length },
        });
        return { batch: created, villageIds: [...new Set(villages.values())] };
      })
      .catch((error: unknown) => {
        // Two batches of one name created at once: the unique index decides.
        if (uniqueViolation(error)) throw PlanningErrors.batchNameTaken(name);
        throw error;
      });
    const replanned = await this.replan(now, villageIds);
    return this.view(batch, householdIds.length, villageIds, replanned);
  }

  async setMoveDate(actor: Actor, id: string, dto: SetMoveDateDto): Promise<PlanBatchView> {
    const now = this.clock.now();
    const existing = await this.repository.findBatch(id);
    if (!existing) throw PlanningErrors.batchNotFound();
    this.requireFuture(dto.date, now);
    const reason = dto.reason.trim();
    const changed = await this.transactions.run(async (manager) => {
      const batch = await this.repository.findBatch(id, manager);
      if (!batch) throw PlanningErrors.batchNotFound();
      if (dto.version !== undefined && dto.version !== batch.version) throw CommonErrors.staleVersion();
      if (batch.moveDate === dto.date) return false;
      const fields = { moveDate: dto.date, reason, updatedBy: actor.id, updatedAt: now };
      if (!(await this.repository.updateBatchMoveDate(manager, id, batch.version, fields)))
        throw CommonErrors.staleVersion();
      await this.audit.record(manager, actor, {
        action: 'move_date_set',
        entityType: 'plan_batch',
        entityId: id,
        before: { moveDate: batch.moveDate },
        after: { moveDate: dto.date },
        context: { reason },
      });
      return true;
    });
    const villageIds = await this.repository.batchVillages(id);
    const replanned = changed ? await this.replan(now, villageIds) : 0;
    const batch = (await this.repository.findBatch(id))!;
    const members = (await this.repository.batches()).find((entry) => entry.id === id)?.households ?? 0;
    return this.view(batch, members, villageIds, replanned);
  }

  /**
   * Takes households out of the batch, all or none: each follows its village's move date again. One audit entry a
   * household (on its timeline); the villages they are in are replanned after the commit.
   */
  async removeMembers(actor: Actor, id: string, dto: RemoveBatchMembersDto): Promise<PlanBatchView> {
    const now = this.clock.now();
    const reason = dto.reason.trim();
    const villageIds = await this.transactions.run(async (manager) => {
      const batch = await this.repository.findBatch(id, manager);
      if (!batch) throw PlanningErrors.batchNotFound();
      const householdIds = await this.selected(manager, dto);
      const members = await this.repository.membersOf(manager, id, householdIds);
      const outside = householdIds.filter((householdId) => !members.has(householdId));
      if (outside.length) throw PlanningErrors.notMembers(outside);
      const villages = await this.repository.householdVillages(manager, householdIds);
      await this.repository.removeMembers(manager, id, householdIds);
      const fields = { updatedBy: actor.id, updatedAt: now };
      if (!(await this.repository.touchBatch(manager, id, batch.version, fields)))
        throw CommonErrors.staleVersion();
      await this.audit.record(
        manager,
        actor,
        ...householdIds.map((householdId) => ({
          action: 'move_date_set' as const,
          entityType: 'plan_batch',
          entityId: id,
          householdId,
          before: { batch: batch.name, moveDate: batch.moveDate },
          after: { batch: null },
          context: { reason },
        })),
      );
      return [...new Set(villages.values())];
    });
    const replanned = await this.replan(now, villageIds);
    const batch = (await this.repository.findBatch(id))!;
    const entry = (await this.repository.batches()).find((b) => b.id === id);
    return this.view(batch, entry?.households ?? 0, entry?.villageIds ?? [], replanned);
  }

  /**
   * Deletes a batch no household is in any more (its name can then be used again). A batch with members is
   * refused, 409: taking households out is its own step (audited on each household's timeline, with a reason), so
   * a delete never moves anyone's move date behind the command centre's back.
   */
  async remove(actor: Actor, id: string): Promise<void> {
    await this.transactions.run(async (manager) => {
      const batch = await this.repository.findBatch(id, manager);
      if (!batch) throw PlanningErrors.batchNotFound();
      const members = await this.repository.memberCount(manager, id);
      if (members > 0) throw PlanningErrors.batchNotEmpty(members);
      if (!(await this.repository.deleteBatch(manager, id, batch.version))) throw CommonErrors.staleVersion();
      await this.audit.record(manager, actor, {
        action: 'delete',
        entityType: 'plan_batch',
        entityId: id,
        before: { name: batch.name, moveDate: batch.moveDate },
      });
    });
  }

  /** The households a request names, by id or by 户编号 (all of them, or it names the codes that are not). */
  private async selected(manager: EntityManager, dto: BatchHouseholdsDto): Promise<string[]> {
    if (dto.householdIds && dto.householdCodes) throw PlanningErrors.idsOrCodes();
    if (dto.householdIds) return dto.householdIds;
    const codes = [...new Set(dto.householdCodes!.map((code) => code.trim()))];
    const ids = await this.repository.idsByCodes(manager, codes);
    const unknown = codes.filter((code) => !ids.has(code));
    if (unknown.length) throw PlanningErrors.unknownCodes(unknown);
    return codes.map((code) => ids.get(code)!);
  }

  private requireFuture(date: string, now: Date): void {
    const today = this.paces.today(now);
    if (date < today) throw PlanningErrors.moveDatePast(today);
  }

  /** After the commit: each village the batch touches gets its pace measured and its lights recomputed. */
  private async replan(now: Date, villageIds: string[]): Promise<number> {
    let households = 0;
    for (const villageId of villageIds)
      households += (await this.derived.recomputeLights(now, villageId)).households;
    return households;
  }

  private view(
    batch: PlanBatchEntity,
    households: number,
    villageIds: string[],
    replanned: number,
  ): PlanBatchView {
    return {
      id: batch.id,
      name: batch.name,
      moveDate: batch.moveDate,
      reason: batch.reason,
      households,
      villageIds,
      version: batch.version,
      updatedAt: batch.updatedAt.toISOString(),
      updatedBy: batch.updatedBy,
      replanned,
    };
  }
}
