import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { bulkInsert } from '../../../database/bulk-insert';
import { TaskEntity } from './entities/task.entity';
import { TaskScope } from '../../../common/policy/access-policy';

export interface TaskFilter {
  assigneeId?: string;
  unitId?: string;
  status?: string;
  date?: string;
}

/** ~8,000 bound values a statement (17 columns a task). */
const TASKS_PER_INSERT = 470;

@Injectable()
export class TasksRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The tasks of AccessPolicy's task scope. */
  scoped(scope: TaskScope, manager?: EntityManager): SelectQueryBuilder<TaskEntity> {
    const query = (manager ?? this.dataSource.manager).getRepository(TaskEntity).createQueryBuilder('t');
    if (scope.kind === 'all') return query;
    return query.andWhere(
      new Brackets((q) => {
        q.where('t.assignee_user_id = :me', { me: scope.userId });
        if (scope.unitId) q.orWhere('t.assignee_unit_id = :myUnit', { myUnit: scope.unitId });
      }),
    );
  }

  /** Targets that still have an open task from an earlier cycle: those carry over instead of doubling. */
  async openTargetsBefore(date: string): Promise<Set<string>> {
    // Plain rows, not entities: a first dispatch can carry over tens of thousands.
    const rows = await this.dataSource
      .getRepository(TaskEntity)
      .createQueryBuilder('t')
      .select("t.target_type || ':' || t.target_id", 'target')
      .where("t.status = 'open' AND t.cycle_date < :date", { date })
      .getRawMany<{ target: string }>();
    return new Set(rows.map((r) => r.target));
  }

  /** ON CONFLICT DO NOTHING on (cycle_date, target): a re-run creates nothing twice. */
  insertIgnoring(manager: EntityManager, tasks: TaskEntity[]): Promise<void> {
    return bulkInsert(manager, TaskEntity, tasks, TASKS_PER_INSERT, { ignoreConflicts: true });
  }

  forDate(date: string): Promise<TaskEntity[]> {
    return this.dataSource
      .getRepository(TaskEntity)
      .createQueryBuilder('t')
      .where('t.cycle_date = :date', { date })
      .orderBy('t.kind')
      .addOrderBy('t.due_date')
      .addOrderBy('t.id')
      .getMany();
  }

  /** Who a date's tasks went to, as plain rows (a re-run of a 72,000-task dispatch reads every one). */
  async issuedOn(
    date: string,
  ): Promise<
    Pick<TaskEntity, 'targetType' | 'targetId' | 'assigneeUserId' | 'assigneeUnitId' | 'assigneeLevel'>[]
  > {
    return this.dataSource
      .getRepository(TaskEntity)
      .createQueryBuilder('t')
      .select('t.target_type', 'targetType')
      .addSelect('t.target_id', 'targetId')
      .addSelect('t.assignee_user_id', 'assigneeUserId')
      .addSelect('t.assignee_unit_id', 'assigneeUnitId')
      .addSelect('t.assignee_level', 'assigneeLevel')
      .where('t.cycle_date = :date', { date })
      .getRawMany();
  }

  carriedOver(date: string): Promise<TaskEntity[]> {
    return this.dataSource
      .getRepository(TaskEntity)
      .createQueryBuilder('t')
      .where("t.status = 'open' AND t.cycle_date < :date", { date })
      .getMany();
  }

  list(scope: TaskScope, filter: TaskFilter, page: number, pageSize: number) {
    const query = this.scoped(scope);
    if (filter.assigneeId)
      query.andWhere('t.assignee_user_id = :assigneeId', { assigneeId: filter.assigneeId });
    if (filter.unitId) query.andWhere('t.assignee_unit_id = :unitId', { unitId: filter.unitId });
    if (filter.status) query.andWhere('t.status = :status', { status: filter.status });
    if (filter.date) query.andWhere('t.cycle_date = :date', { date: filter.date });
    return query
      .orderBy('t.dueDate', 'ASC')
      .addOrderBy('t.id', 'ASC')
      .skip((page - 1) * pageSize)
      .take(pageSize)
      .getManyAndCount();
  }

  async complete(manager: EntityManager, task: TaskEntity, fields: Partial<TaskEntity>): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .update(TaskEntity)
      .set({ ...fields, version: () => 'version + 1' })
      .where("id = :id AND version = :version AND status = 'open'", { id: task.id, version: task.version })
      .execute();
    return (result.affected ?? 0) > 0;
  }
}
