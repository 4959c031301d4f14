import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses } from '../../common/http/api-responses';
import { UuidParam } from '../../common/http/uuid-param';
import { Actor } from '../../common/policy/actor';
import { CurrentActor } from '../../common/policy/current-actor.decorator';
import { Roles } from '../../common/policy/roles.decorator';
import {
  HouseholdResponsiblesView,
  LevelQueryDto,
  LevelResponsibleView,
  SetHouseholdResponsiblesDto,
  SetResponsibleDto,
  SetResponsibleResultDto,
} from './dtos/responsibility.dto';
import { ResponsibilityChanges } from './responsibility-changes.service';
import { ResponsibilityService } from './responsibility.service';

@ApiTags('responsibility')
@ApiBearerAuth()
@ApiErrorResponses(400, 401, 403)
@Controller()
export class ResponsibilityController {
  constructor(
    private readonly responsibility: ResponsibilityService,
    private readonly changes: ResponsibilityChanges,
  ) {}

  /** The household's 包保 chain (cadre → village leader → task-force leader), backing unit, and handovers. */
  @Get('households/:id/responsibles')
  @ApiOkResponse({ type: HouseholdResponsiblesView })
  @ApiErrorResponses(404)
  forHousehold(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
  ): Promise<HouseholdResponsiblesView> {
    return this.responsibility.forHousehold(actor, id);
  }

  /** The roles set at village and task-force level, inherited by their households. */
  @Get('responsibles')
  @Roles('admin', 'commander', 'supervisor', 'official')
  @ApiOkResponse({ type: [LevelResponsibleView] })
  levels(@Query() query: LevelQueryDto): Promise<LevelResponsibleView[]> {
    return this.responsibility.levels(query.scopeType);
  }

  /** Sets (holderId null: clears) a role for a village; its households inherit it unless they set their own. */
  @Put('responsibles/villages/:villageId')
  @Roles('admin', 'commander')
  @ApiOkResponse({ type: SetResponsibleResultDto })
  @ApiErrorResponses(404, 409)
  setForVillage(
    @CurrentActor() actor: Actor,
    @Param('villageId', UuidParam) villageId: string,
    @Body() dto: SetResponsibleDto,
  ): Promise<SetResponsibleResultDto> {
    return this.changes.setAtLevel(actor, 'village', villageId, dto);
  }

  /** Sets (holderId null: clears) a role for a task force; inherited after the household's and its village's. */
  @Put('responsibles/task-forces/:taskForceId')
  @Roles('admin', 'commander')
  @ApiOkResponse({ type: SetResponsibleResultDto })
  @ApiErrorResponses(404, 409)
  setForTaskForce(
    @CurrentActor() actor: Actor,
    @Param('taskForceId', UuidParam) taskForceId: string,
    @Body() dto: SetResponsibleDto,
  ): Promise<SetResponsibleResultDto> {
    return this.changes.setAtLevel(actor, 'task_force', taskForceId, dto);
  }

  /** Per-household overrides (holderId null: inherit again) for a selection or a whole village, all or nothing. */
  @Post('responsibles/households')
  @HttpCode(200)
  @Roles('admin', 'commander')
  @ApiOkResponse({ type: SetResponsibleResultDto, description: 'all or nothing' })
  @ApiErrorResponses(404, 409, 422)
  setForHouseholds(
    @CurrentActor() actor: Actor,
    @Body() dto: SetHouseholdResponsiblesDto,
  ): Promise<SetResponsibleResultDto> {
    return this.changes.setForHouseholds(actor, dto);
  }
}
