import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { OrgUnitEntity } from './entities/org-unit.entity';
import { OrgRepository } from './org.repository';

/** A unit of the organisation tree as other modules read it. */
export type OrgUnit = OrgUnitEntity;

/** The org module's gateway: what other modules may read of the tree (this module alone writes it). */
@Injectable()
export class OrgDirectory {
  constructor(private readonly org: OrgRepository) {}

  findById(id: string, manager?: EntityManager): Promise<OrgUnit | null> {
    return this.org.findById(id, manager);
  }

  all(): Promise<OrgUnit[]> {
    return this.org.all();
  }

  count(): Promise<number> {
    return this.org.count();
  }
}
