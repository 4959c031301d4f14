import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses, ApiPageResponse } from '../../common/http/api-responses';
import { Page, PageQueryDto } from '../../common/http/pagination';
import { UuidParam } from '../../common/http/uuid-param';
import { Actor } from '../../common/policy/actor';
import { CurrentActor } from '../../common/policy/current-actor.decorator';
import { Roles } from '../../common/policy/roles.decorator';
import {
  AtRiskHouseholdView,
  HouseholdPlanView,
  PlanningOverviewView,
  SetMoveDateDto,
  VillagePlanView,
} from './dtos/planning.dto';
import { PlanningService } from './planning.service';

@ApiTags('planning')
@ApiBearerAuth()
@ApiErrorResponses(400, 401)
@Controller()
export class PlanningController {
  constructor(private readonly planning: PlanningService) {}

  /** Sets or moves a village's move date (搬迁节点), audited; the village's households are replanned at once. */
  @Put('villages/:id/move-date')
  @Roles('admin', 'commander')
  @ApiOkResponse({ type: VillagePlanView })
  @ApiErrorResponses(403, 404, 409, 422)
  setMoveDate(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() dto: SetMoveDateDto,
  ): Promise<VillagePlanView> {
    return this.planning.setMoveDate(actor, id, dto);
  }

  /** Per village: move date, pace over the last 14 days, forecast completion date, households at risk; the lead table. */
  @Get('planning')
  @Roles('admin', 'commander', 'supervisor')
  @ApiOkResponse({ type: PlanningOverviewView })
  @ApiErrorResponses(403)
  overview(): Promise<PlanningOverviewView> {
    return this.planning.overview();
  }

  @Get('planning/villages/:id/at-risk')
  @Roles('admin', 'commander', 'supervisor')
  @ApiPageResponse(AtRiskHouseholdView)
  @ApiErrorResponses(403, 404)
  atRisk(
    @Param('id', UuidParam) id: string,
    @Query() query: PageQueryDto,
  ): Promise<Page<AtRiskHouseholdView>> {
    return this.planning.atRisk(id, query.page, query.pageSize);
  }

  /** The household's planned date for each stage still ahead, and whether it is behind or cannot make its move date. */
  @Get('households/:id/plan')
  @ApiOkResponse({ type: HouseholdPlanView })
  @ApiErrorResponses(404)
  householdPlan(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
  ): Promise<HouseholdPlanView> {
    return this.planning.householdPlan(actor, id);
  }
}
