import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses } from '../../common/http/api-responses';
import { Actor } from '../../common/policy/actor';
import { CurrentActor } from '../../common/policy/current-actor.decorator';
import { Roles } from '../../common/policy/roles.decorator';
import { CreateOrgUnitDto, OrgUnitResponseDto } from './dtos/org-unit.dto';
import { OrgService } from './org.service';

@ApiTags('org-units')
@ApiBearerAuth()
@ApiErrorResponses(401)
@Controller('org-units')
export class OrgController {
  constructor(private readonly org: OrgService) {}

  @Post()
  @Roles('admin')
  @ApiCreatedResponse({ type: OrgUnitResponseDto })
  @ApiErrorResponses(400, 403, 409)
  create(@CurrentActor() actor: Actor, @Body() dto: CreateOrgUnitDto): Promise<OrgUnitResponseDto> {
    return this.org.create(actor, dto);
  }

  /** Every signed-in user may read the tree: the mobile app needs village names. */
  @Get()
  @ApiOkResponse({ type: [OrgUnitResponseDto], description: 'all units, flat' })
  list(): Promise<OrgUnitResponseDto[]> {
    return this.org.list();
  }
}
