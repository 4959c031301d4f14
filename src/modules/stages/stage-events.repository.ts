import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { StageEventEntity } from './entities/stage-event.entity';

@Injectable()
export class StageEventsRepository {
  async insert(manager: EntityManager, event: StageEventEntity): Promise<void> {
    await manager.getRepository(StageEventEntity).insert(event);
  }
}
