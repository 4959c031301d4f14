import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiErrorResponses, ApiPageResponse } from '../../common/http/api-responses';
import { Page } from '../../common/http/pagination';
import { UuidParam } from '../../common/http/uuid-param';
import { ServedBy } from '../../common/http/served-by';
import { Actor } from '../../common/policy/actor';
import { CurrentActor } from '../../common/policy/current-actor.decorator';
import { Roles } from '../../common/policy/roles.decorator';
import { CreateVisitDto, SyncResultDto, SyncVisitsDto, VisitQueryDto, VisitView } from './dtos/visit.dto';
import { VisitsService } from './visits.service';

@ApiTags('visits')
@ApiBearerAuth()
@ApiErrorResponses(400, 401)
@Controller()
export class VisitsController {
  constructor(private readonly visits: VisitsService) {}

  /** 201 for a new visit; 200 with the stored one when the same clientId and content come again. */
  @Post('households/:id/visits')
  @ServedBy('reader') // checked where it arrives; only the insert goes to a cluster's writer (VisitWriter)
  @Roles('admin', 'commander', 'cadre')
  @ApiCreatedResponse({ type: VisitView })
  @ApiOkResponse({ type: VisitView, description: 'a resend of a stored visit (same clientId, same content)' })
  @ApiErrorResponses(403, 404, 409)
  async create(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() dto: CreateVisitDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<VisitView> {
    const outcome = await this.visits.create(actor, id, dto);
    if (outcome.status === 'duplicate') response.status(200);
    return outcome.visit;
  }

  @Post('visits/sync')
  @ServedBy('reader')
  @HttpCode(200)
  @Roles('admin', 'commander', 'cadre')
  @ApiOkResponse({ type: SyncResultDto, description: 'one bad item does not stop the others' })
  @ApiErrorResponses(403)
  sync(@CurrentActor() actor: Actor, @Body() dto: SyncVisitsDto): Promise<SyncResultDto> {
    return this.visits.sync(actor, dto.visits);
  }

  @Get('visits')
  @ApiPageResponse(VisitView)
  list(@CurrentActor() actor: Actor, @Query() query: VisitQueryDto): Promise<Page<VisitView>> {
    return this.visits.list(actor, query);
  }
}
