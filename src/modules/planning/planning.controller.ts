import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { ApiErrorResponses, ApiPageResponse } from '../../common/http/api-responses';
import { Page, PageQueryDto } from '../../common/http/pagination';
import { UuidParam } from '../../common/http/uuid-param';
import { Actor } from '../../common/policy/actor';
import { CurrentActor } from '../../common/policy/current-actor.decorator';
import { Roles } from '../../common/policy/roles.decorator';
import {
  AtRiskHouseholdView,
  CreatePlanBatchDto,
  PlanBatchView,
  HouseholdPlanView,
  PlanningOverviewView,
  RemoveBatchMembersDto,
  SetMoveDateDto,
  VillagePlanView,
} from './dtos/planning.dto';
import { PlanBatchesService } from './plan-batches.service';
import { PlanningService } from './planning.service';

@ApiTags('planning')
@ApiBearerAuth()
@ApiErrorResponses(400, 401)
@Controller()
export class PlanningController {
  constructor(
    private readonly planning: PlanningService,
    private readonly batches: PlanBatchesService,
  ) {}

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

  @Get('planning/batches')
  @Roles('admin', 'commander', 'supervisor')
  @ApiOkResponse({ type: [PlanBatchView] })
  @ApiErrorResponses(403)
  listBatches(): Promise<PlanBatchView[]> {
    return this.batches.list();
  }

  /** A batch of households with its own move date (overriding their villages'), audited; they are replanned at once. */
  @Post('planning/batches')
  @Roles('admin', 'commander')
  @ApiCreatedResponse({ type: PlanBatchView })
  @ApiErrorResponses(403, 409, 422)
  createBatch(@CurrentActor() actor: Actor, @Body() dto: CreatePlanBatchDto): Promise<PlanBatchView> {
    return this.batches.create(actor, dto);
  }

  @Put('planning/batches/:id/move-date')
  @Roles('admin', 'commander')
  @ApiOkResponse({ type: PlanBatchView })
  @ApiErrorResponses(403, 404, 409, 422)
  setBatchMoveDate(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() dto: SetMoveDateDto,
  ): Promise<PlanBatchView> {
    return this.batches.setMoveDate(actor, id, dto);
  }

  /** Households taken out of a batch (all or none): they follow their villages' move dates again, replanned at once. */
  @Post('planning/batches/:id/removals')
  @HttpCode(200)
  @Roles('admin', 'commander')
  @ApiOkResponse({ type: PlanBatchView })
  @ApiErrorResponses(403, 404, 409, 422)
  removeBatchMembers(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() dto: RemoveBatchMembersDto,
  ): Promise<PlanBatchView> {
    return this.batches.removeMembers(actor, id, dto);
  }

  /** A batch no household is in any more; one with members is refused (409), they are taken out first. */
  @Delete('planning/batches/:id')
  @HttpCode(204)
  @Roles('admin', 'commander')
  @ApiNoContentResponse({ description: 'the batch is deleted' })
  @ApiErrorResponses(403, 404, 409)
  deleteBatch(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string): Promise<void> {
    return this.batches.remove(actor, id);
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
