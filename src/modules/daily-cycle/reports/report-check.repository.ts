import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ReportCheckEntity } from '../entities/report-check.entity';

@Injectable()
export class ReportCheckRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(check: Omit<ReportCheckEntity, 'id'>): Promise<void> {
    await this.dataSource.getRepository(ReportCheckEntity).insert(check);
  }

  /** The latest checks, newest first. */
  latest(limit: number): Promise<ReportCheckEntity[]> {
    return this.dataSource
      .getRepository(ReportCheckEntity)
      .createQueryBuilder('c')
      .orderBy('c.checked_at', 'DESC')
      .addOrderBy('c.id', 'DESC')
      .limit(limit)
      .getMany();
  }
}
