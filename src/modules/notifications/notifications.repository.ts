import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { rawQuery } from '../../database/raw-query';
import { NotificationEntity } from './entities/notification.entity';

export interface ApprovalFacts {
  status: string;
  currentLevel: string | null;
  townshipId: string | null;
  toStage: string;
  kind: string;
  code: string;
}

export interface ProblemFacts {
  unitId: string | null;
  ownerId: string | null;
  severity: string;
  category: string;
}

export interface VisitFacts {
  concerns: string | null;
  attitude: string;
  code: string;
}

/**
 * The notification table; and what a notification says about the record that caused it, read after the fact
 * (an event names only its id): plain reads of one approval, problem or visit row, to compose a message.
 */
@Injectable()
export class NotificationsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async approval(id: string): Promise<ApprovalFacts | null> {
    const [a] = await rawQuery(
      this.dataSource.manager,
      `SELECT a.status, a.current_level, a.township_id, a.to_stage, a.kind, h.code
         FROM approval a JOIN household h ON h.id = a.household_id WHERE a.id = :id`,
      { id },
    );
    if (!a) return null;
    return {
      status: a.status as string,
      currentLevel: a.current_level as string | null,
      townshipId: a.township_id as string | null,
      toStage: a.to_stage as string,
      kind: a.kind as string,
      code: a.code as string,
    };
  }

  async problem(id: string): Promise<ProblemFacts | null> {
    const [p] = await rawQuery(
      this.dataSource.manager,
      `SELECT p.unit_id, p.owner_id, p.severity, p.category, p.due_at FROM problem p WHERE p.id = :id`,
      { id },
    );
    if (!p) return null;
    return {
      unitId: p.unit_id as string | null,
      ownerId: p.owner_id as string | null,
      severity: p.severity as string,
      category: p.category as string,
    };
  }

  async visit(id: string): Promise<VisitFacts | null> {
    const [v] = await rawQuery(
      this.dataSource.manager,
      `SELECT v.concerns, v.attitude, h.code FROM visit v JOIN household h ON h.id = v.household_id WHERE v.id = :id`,
      { id },
    );
    if (!v) return null;
    return { concerns: v.concerns as string | null, attitude: v.attitude as string, code: v.code as string };
  }

  async insert(manager: EntityManager, notifications: NotificationEntity[]): Promise<void> {
    for (let i = 0; i < notifications.length; i += 200) {
      await manager
        .createQueryBuilder()
        .insert()
        .into(NotificationEntity)
        .values(notifications.slice(i, i + 200))
        .orIgnore()
        .execute();
    }
  }

  /** The household of each of these visits (one query): a visit's notification links to its household. */
  async visitHouseholds(visitIds: string[]): Promise<Map<string, string>> {
    if (visitIds.length === 0) return new Map();
    const rows = await rawQuery<{ id: string; household_id: string }>(
      this.dataSource.manager,
      'SELECT id, household_id FROM visit WHERE id IN (:...ids)',
      { ids: [...new Set(visitIds)] },
    );
    return new Map(rows.map((row) => [row.id, row.household_id]));
  }

  notifications(userId: string, unreadOnly: boolean, page: number, pageSize: number) {
    const query = this.dataSource
      .getRepository(NotificationEntity)
      .createQueryBuilder('n')
      .where('n.user_id = :userId', { userId });
    if (unreadOnly) query.andWhere('n.read_at IS NULL');
    return query
      .orderBy('n.createdAt', 'DESC')
      .addOrderBy('n.id', 'ASC')
      .skip((page - 1) * pageSize)
      .take(pageSize)
      .getManyAndCount();
  }

  async hasNotification(userId: string, id: string): Promise<boolean> {
    return (await this.dataSource.getRepository(NotificationEntity).countBy({ userId, id })) > 0;
  }

  async markRead(manager: EntityManager, userId: string, at: Date, id?: string): Promise<number> {
    const query = manager
      .createQueryBuilder()
      .update(NotificationEntity)
      .set({ readAt: at })
      .where('user_id = :userId AND read_at IS NULL', { userId });
    if (id) query.andWhere('id = :id', { id });
    return (await query.execute()).affected ?? 0;
  }
}
