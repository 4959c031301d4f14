import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { VisitEntity } from '../visits/entities/visit.entity';
import { IntentRecordEntity } from './entities/intent-record.entity';

@Injectable()
export class IntentsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, record: IntentRecordEntity): Promise<void> {
    await manager.getRepository(IntentRecordEntity).insert(record);
  }

  history(householdId: string): Promise<IntentRecordEntity[]> {
    return this.dataSource
      .getRepository(IntentRecordEntity)
      .find({ where: { householdId }, order: { recordedAt: 'DESC', id: 'DESC' } });
  }

  async visitBelongsTo(manager: EntityManager, visitId: string, householdId: string): Promise<boolean> {
    return (await manager.getRepository(VisitEntity).countBy({ id: visitId, householdId })) > 0;
  }
}
