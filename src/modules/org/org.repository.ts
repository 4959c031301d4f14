import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { OrgUnitEntity } from './entities/org-unit.entity';

@Injectable()
export class OrgRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private repo(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(OrgUnitEntity);
  }

  findById(id: string, manager?: EntityManager): Promise<OrgUnitEntity | null> {
    return this.repo(manager).findOneBy({ id });
  }

  findByCode(code: string): Promise<OrgUnitEntity | null> {
    return this.repo().findOneBy({ code });
  }

  all(): Promise<OrgUnitEntity[]> {
    return this.repo().find({ order: { kind: 'ASC', code: 'ASC', name: 'ASC' } });
  }

  async insert(manager: EntityManager, unit: OrgUnitEntity): Promise<void> {
    await this.repo(manager).insert(unit);
  }

  count(): Promise<number> {
    return this.repo().count();
  }
}
