import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses, ApiPageResponse } from '../../common/http/api-responses';
import { Page } from '../../common/http/pagination';
import { UuidParam } from '../../common/http/uuid-param';
import { Actor } from '../../common/policy/actor';
import { CurrentActor } from '../../common/policy/current-actor.decorator';
import { Roles } from '../../common/policy/roles.decorator';
import {
  AssignHouseholdsDto,
  AssignResultDto,
  CreateHouseholdDto,
  HouseholdQueryDto,
  HouseholdResponseDto,
  RevealQueryDto,
  UpdateHouseholdDto,
} from './dtos/household.dto';
import { HoldDto, ReleaseDto } from './dtos/hold.dto';
import { HoldService } from './hold.service';
import { HouseholdsService } from './households.service';

@ApiTags('households')
@ApiBearerAuth()
@ApiErrorResponses(400, 401, 403)
@Controller('households')
export class HouseholdsController {
  constructor(
    private readonly households: HouseholdsService,
    private readonly holds: HoldService,
  ) {}

  @Post()
  @Roles('admin', 'commander')
  @ApiCreatedResponse({ type: HouseholdResponseDto })
  @ApiErrorResponses(409)
  create(@CurrentActor() actor: Actor, @Body() dto: CreateHouseholdDto): Promise<HouseholdResponseDto> {
    return this.households.create(actor, dto);
  }

  @Get()
  @ApiPageResponse(HouseholdResponseDto)
  list(@CurrentActor() actor: Actor, @Query() query: HouseholdQueryDto): Promise<Page<HouseholdResponseDto>> {
    return this.households.list(actor, query);
  }

  @Post('assignments')
  @HttpCode(200)
  @Roles('admin', 'commander')
  @ApiOkResponse({ type: AssignResultDto, description: 'all or nothing' })
  @ApiErrorResponses(404)
  assign(@CurrentActor() actor: Actor, @Body() dto: AssignHouseholdsDto): Promise<AssignResultDto> {
    return this.households.assign(actor, dto);
  }

  @Get(':id')
  @ApiOkResponse({ type: HouseholdResponseDto })
  @ApiErrorResponses(404)
  get(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Query() query: RevealQueryDto,
  ): Promise<HouseholdResponseDto> {
    return this.households.get(actor, id, query.reveal === true, query.asOf);
  }

  @Patch(':id')
  @Roles('admin', 'commander', 'cadre')
  @ApiOkResponse({ type: HouseholdResponseDto })
  @ApiErrorResponses(404, 409)
  update(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() dto: UpdateHouseholdDto,
  ): Promise<HouseholdResponseDto> {
    return this.households.update(actor, id, dto);
  }

  @Post(':id/hold')
  @HttpCode(200)
  @Roles('admin', 'commander')
  @ApiOkResponse({ type: HouseholdResponseDto })
  @ApiErrorResponses(404, 422)
  async hold(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Body() dto: HoldDto) {
    await this.holds.hold(actor, id, dto);
    return this.households.get(actor, id);
  }

  @Post(':id/release')
  @HttpCode(200)
  @Roles('admin', 'commander')
  @ApiOkResponse({ type: HouseholdResponseDto })
  @ApiErrorResponses(404, 422)
  async release(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Body() dto: ReleaseDto) {
    await this.holds.release(actor, id, dto);
    return this.households.get(actor, id);
  }
}
