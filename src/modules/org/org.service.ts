import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { uniqueViolation } from '../../common/errors/unique-violation';
import { Actor } from '../../common/policy/actor';
import { Clock } from '../../common/time/business-clock';
import { TransactionRunner } from '../../database/transaction-runner';
import { AuditService } from '../audit/audit.service';
import { CreateOrgUnitDto, OrgUnitResponseDto } from './dtos/org-unit.dto';
import { OrgUnitEntity } from './entities/org-unit.entity';
import { ORG_UNIT_KIND_LABELS, OrgUnitKind } from './org-unit-kinds';
import { OrgErrors } from './org.errors';
import { OrgRepository } from './org.repository';
import { orgUnitView } from './org-unit.view';

/** The tree: command centre → township → village; task forces and units hang off the command centre. */
const ALLOWED_PARENTS: Record<OrgUnitKind, (OrgUnitKind | null)[]> = {
  command_centre: [null],
  township: [null, 'command_centre'],
  village: ['township'],
  task_force: [null, 'command_centre'],
  unit: [null, 'command_centre', 'township'],
};

@Injectable()
export class OrgService {
  constructor(
    private readonly org: OrgRepository,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async create(actor: Actor, dto: CreateOrgUnitDto): Promise<OrgUnitResponseDto> {
    const parent = dto.parentId ? await this.org.findById(dto.parentId) : null;
    if (dto.parentId && !parent) throw OrgErrors.badParent('上级单位不存在');
    const allowed = ALLOWED_PARENTS[dto.kind];
    if (!allowed.includes(parent?.kind ?? null)) {
      const names = allowed.map((k) => (k ? ORG_UNIT_KIND_LABELS[k] : '无')).join('或');
      throw OrgErrors.badParent(`${ORG_UNIT_KIND_LABELS[dto.kind]}的上级应为${names}`);
    }
    const unit = Object.assign(new OrgUnitEntity(), {
      id: randomUUID(),
      name: dto.name,
      kind: dto.kind,
      parentId: parent?.id ?? null,
      code: dto.code ?? null,
      createdAt: this.clock.now(),
    });
    try {
      await this.transactions.run(async (manager) => {
        await this.org.insert(manager, unit);
        await this.audit.record(manager, actor, {
          action: 'create',
          entityType: 'org_unit',
          entityId: unit.id,
          after: { name: unit.name, kind: unit.kind, parentId: unit.parentId, code: unit.code },
        });
      });
    } catch (error) {
      if (uniqueViolation(error)) throw OrgErrors.duplicateCode();
      throw error;
    }
    return orgUnitView(unit);
  }

  async list(): Promise<OrgUnitResponseDto[]> {
    return (await this.org.all()).map(orgUnitView);
  }
}
