import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Page } from '../../common/http/pagination';
import { UuidParam } from '../../common/http/uuid-param';
import { Actor } from '../../common/policy/actor';
import { CurrentActor } from '../../common/policy/current-actor.decorator';
import { Roles } from '../../common/policy/roles.decorator';
import { ApprovalsService } from './approvals.service';
import { ApprovalQueryDto, ApprovalView, DecisionDto } from './dtos/approval.dto';

@ApiTags('approvals')
@ApiBearerAuth()
@Controller('approvals')
export class ApprovalsController {
  constructor(private readonly approvals: ApprovalsService) {}

  @Get()
  list(@CurrentActor() actor: Actor, @Query() query: ApprovalQueryDto): Promise<Page<ApprovalView>> {
    return this.approvals.list(actor, query);
  }

  @Get(':id')
  @ApiOkResponse({ type: ApprovalView })
  get(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string): Promise<ApprovalView> {
    return this.approvals.get(actor, id);
  }

  @Post(':id/decision')
  @HttpCode(200)
  @Roles('admin', 'commander', 'official')
  @ApiOkResponse({ type: ApprovalView })
  decide(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() dto: DecisionDto,
  ): Promise<ApprovalView> {
    return this.approvals.decide(actor, id, dto);
  }
}
