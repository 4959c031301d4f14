import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Actor } from '../../common/policy/actor';
import { CurrentActor } from '../../common/policy/current-actor.decorator';
import { Roles } from '../../common/policy/roles.decorator';
import { CreateOrgUnitDto, OrgUnitResponseDto } from './dtos/org-unit.dto';
import { OrgService } from './org.service';

@ApiTags('org-units')
@ApiBearerAuth()
@Controller('org-units')
export class OrgController {
  constructor(private readonly org: OrgService) {}

  @Post()
  @Roles('admin')
  create(@CurrentActor() actor: Actor, @Body() dto: CreateOrgUnitDto): Promise<OrgUnitResponseDto> {
    return this.org.create(actor, dto);
  }

  /** Every signed-in user may read the tree: the mobile app needs village names. */
  @Get()
  list(): Promise<OrgUnitResponseDto[]> {
    return this.org.list();
  }
}
