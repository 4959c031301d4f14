import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { StageEventEntity } from './entities/stage-event.entity';

@Injectable()
export class StageEventsRepository {
  /** Appends the event after the household's last one (the caller holds the household row: moves are serial). */
  async insert(manager: EntityManager, event: Omit<StageEventEntity, 'seq'>): Promise<void> {
    const last = await manager
      .getRepository(StageEventEntity)
      .createQueryBuilder('e')
      .select('MAX(e.seq)', 'seq')
      .where('e.household_id = :id', { id: event.householdId })
      .getRawOne<{ seq: number | string | null }>();
    await manager.getRepository(StageEventEntity).insert({ ...event, seq: Number(last?.seq ?? 0) + 1 });
  }
}
