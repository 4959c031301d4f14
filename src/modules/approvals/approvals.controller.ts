import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses, ApiPageResponse } from '../../common/http/api-responses';
import { Page } from '../../common/http/pagination';
import { UuidParam } from '../../common/http/uuid-param';
import { Actor } from '../../common/policy/actor';
import { CurrentActor } from '../../common/policy/current-actor.decorator';
import { Roles } from '../../common/policy/roles.decorator';
import { ApprovalsService } from './approvals.service';
import { ApprovalQueryDto, ApprovalView, DecisionDto } from './dtos/approval.dto';

@ApiTags('approvals')
@ApiBearerAuth()
@ApiErrorResponses(400, 401)
@Controller('approvals')
export class ApprovalsController {
  constructor(private readonly approvals: ApprovalsService) {}

  @Get()
  @ApiPageResponse(ApprovalView, 'requests the caller may see; status=pending: those waiting for the caller')
  list(@CurrentActor() actor: Actor, @Query() query: ApprovalQueryDto): Promise<Page<ApprovalView>> {
    return this.approvals.list(actor, query);
  }

  @Get(':id')
  @ApiOkResponse({ type: ApprovalView })
  @ApiErrorResponses(404)
  get(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string): Promise<ApprovalView> {
    return this.approvals.get(actor, id);
  }

  @Post(':id/decision')
  @HttpCode(200)
  @Roles('admin', 'commander', 'official')
  @ApiOkResponse({ type: ApprovalView, description: 'the request; on the last approval the household moved' })
  @ApiErrorResponses(403, 404, 409, 422)
  decide(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() dto: DecisionDto,
  ): Promise<ApprovalView> {
    return this.approvals.decide(actor, id, dto);
  }
}
