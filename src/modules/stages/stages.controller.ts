import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiErrorResponses } from '../../common/http/api-responses';
import { UuidParam } from '../../common/http/uuid-param';
import { Actor } from '../../common/policy/actor';
import { CurrentActor } from '../../common/policy/current-actor.decorator';
import { Roles } from '../../common/policy/roles.decorator';
import { Idempotent } from '../idempotency/idempotent.decorator';
import { ApprovalRequestedDto } from '../approvals/dtos/approval.dto';
import { HouseholdResponseDto } from '../households/dtos/household.dto';
import { HouseholdsService } from '../households/households.service';
import { RollbackDto, TransitionDto } from './dtos/transition.dto';
import { TransitionsService } from './transitions.service';

@ApiTags('stages')
@ApiBearerAuth()
@ApiErrorResponses(400, 401, 403, 404, 409, 422)
@Controller('households')
export class StagesController {
  constructor(
    private readonly transitions: TransitionsService,
    private readonly households: HouseholdsService,
  ) {}

  /** 200 with the household when the step needs no approval; 202 with the opened approval otherwise. */
  @Post(':id/transitions')
  @Idempotent()
  @Roles('admin', 'commander', 'cadre')
  @ApiOkResponse({ type: HouseholdResponseDto, description: 'moved' })
  @ApiAcceptedResponse({
    type: ApprovalRequestedDto,
    description: 'the step needs approval: opened, pending',
  })
  async transition(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() dto: TransitionDto,
    @Res({ passthrough: true }) response: Response,
  ) {
    const result = await this.transitions.request(actor, id, dto);
    if (!result.moved) {
      response.status(202);
      return { approval: result.approval };
    }
    response.status(200);
    return this.households.get(actor, id);
  }

  @Post(':id/rollback')
  @HttpCode(200)
  @Roles('admin', 'commander')
  @ApiOkResponse({ type: HouseholdResponseDto, description: 'moved one stage back' })
  async rollback(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Body() dto: RollbackDto) {
    await this.transitions.rollback(actor, id, dto);
    return this.households.get(actor, id);
  }
}
