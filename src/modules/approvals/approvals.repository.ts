import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { HouseholdScope } from '../../common/policy/access-policy';
import { ApprovalEntity } from './entities/approval.entity';
import { ApprovalStepEntity } from './entities/approval-step.entity';
import { joinHousehold } from '../households/household-scope';
import { rawQuery } from '../../database/raw-query';

export interface ApprovalFilter {
  status?: string;
  level?: string;
  householdId?: string;
  /** Only approvals waiting at a township level for this township (an official's queue). */
  townshipId?: string;
  sort?: string;
}

@Injectable()
export class ApprovalsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, approval: ApprovalEntity, steps: ApprovalStepEntity[]): Promise<void> {
    await manager.getRepository(ApprovalEntity).insert(approval);
    await manager.getRepository(ApprovalStepEntity).insert(steps);
  }

  findById(id: string, manager?: EntityManager): Promise<ApprovalEntity | null> {
    return (manager ?? this.dataSource.manager).getRepository(ApprovalEntity).findOneBy({ id });
  }

  steps(approvalIds: string[], manager?: EntityManager): Promise<ApprovalStepEntity[]> {
    if (approvalIds.length === 0) return Promise.resolve([]);
    return (manager ?? this.dataSource.manager)
      .getRepository(ApprovalStepEntity)
      .createQueryBuilder('s')
      .where('s.approval_id IN (:...approvalIds)', { approvalIds })
      .orderBy('s.approval_id')
      .addOrderBy('s.position')
      .getMany();
  }

  /** Of these households, those with a request waiting (one query). */
  async pendingAmong(householdIds: string[], manager?: EntityManager): Promise<Set<string>> {
    if (householdIds.length === 0) return new Set();
    const rows = await rawQuery<{ household_id: string }>(
      manager ?? this.dataSource.manager,
      "SELECT DISTINCT household_id FROM approval WHERE status = 'pending' AND household_id IN (:...ids)",
      { ids: householdIds },
    );
    return new Set(rows.map((row) => row.household_id));
  }

  pendingFor(manager: EntityManager, householdId: string): Promise<ApprovalEntity | null> {
    return manager.getRepository(ApprovalEntity).findOneBy({ householdId, status: 'pending' });
  }

  /** Compare-and-set on the approval's version: of two racing deciders exactly one gets true. */
  async update(
    manager: EntityManager,
    id: string,
    version: number,
    fields: Partial<ApprovalEntity>,
  ): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .update(ApprovalEntity)
      .set({ ...fields, version: () => 'version + 1' })
      .where('id = :id AND version = :version', { id, version })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  async updateStep(manager: EntityManager, id: string, fields: Partial<ApprovalStepEntity>): Promise<void> {
    await manager.getRepository(ApprovalStepEntity).update({ id }, fields);
  }

  async cancelPending(manager: EntityManager, householdId: string, at: Date): Promise<string[]> {
    const pending = await manager.getRepository(ApprovalEntity).findBy({ householdId, status: 'pending' });
    for (const approval of pending) {
      await this.update(manager, approval.id, approval.version, {
        status: 'cancelled',
        currentLevel: null,
        decidedAt: at,
      });
      await manager
        .createQueryBuilder()
        .update(ApprovalStepEntity)
        .set({ status: 'cancelled' })
        .where("approval_id = :id AND status IN ('pending', 'waiting')", { id: approval.id })
        .execute();
    }
    return pending.map((a) => a.id);
  }

  list(scope: HouseholdScope, filter: ApprovalFilter, page: number, pageSize: number) {
    const query = this.dataSource.getRepository(ApprovalEntity).createQueryBuilder('a');
    joinHousehold(query, 'h.id = a.household_id', { scope });
    if (filter.status === 'decided') query.andWhere("a.status <> 'pending'");
    else if (filter.status) query.andWhere('a.status = :status', { status: filter.status });
    if (filter.level) query.andWhere('a.current_level = :level', { level: filter.level });
    if (filter.householdId)
      query.andWhere('a.household_id = :householdId', { householdId: filter.householdId });
    if (filter.townshipId) query.andWhere('a.township_id = :townshipId', { townshipId: filter.townshipId });
    if (filter.sort === '-decidedAt')
      query.orderBy('a.decidedAt', 'DESC').addOrderBy('a.requestedAt', 'DESC');
    else query.orderBy('a.requestedAt', 'ASC');
    return query
      .addOrderBy('a.id', 'ASC')
      .skip((page - 1) * pageSize)
      .take(pageSize)
      .getManyAndCount();
  }
}
