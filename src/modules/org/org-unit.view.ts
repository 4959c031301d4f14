import { OrgUnitResponseDto } from './dtos/org-unit.dto';
import { OrgUnitEntity } from './entities/org-unit.entity';

export function orgUnitView(unit: OrgUnitEntity): OrgUnitResponseDto {
  return { id: unit.id, name: unit.name, kind: unit.kind, parentId: unit.parentId, code: unit.code };
}
