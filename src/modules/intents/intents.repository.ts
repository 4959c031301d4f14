import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { bulkInsert } from '../../database/bulk-insert';
import { IntentRecordEntity } from './entities/intent-record.entity';

/** 12 columns a row: 6,000 parameters a statement, within both databases' limits. */
const RECORDS_PER_INSERT = 500;

@Injectable()
export class IntentsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, record: IntentRecordEntity): Promise<void> {
    await manager.getRepository(IntentRecordEntity).insert(record);
  }

  insertMany(manager: EntityManager, records: IntentRecordEntity[]): Promise<void> {
    return bulkInsert(manager, IntentRecordEntity, records, RECORDS_PER_INSERT);
  }

  history(householdId: string): Promise<IntentRecordEntity[]> {
    return this.dataSource
      .getRepository(IntentRecordEntity)
      .find({ where: { householdId }, order: { recordedAt: 'DESC', id: 'DESC' } });
  }
}
