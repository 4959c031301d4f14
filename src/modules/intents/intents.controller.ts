import { Body, Controller, Get, Param, Post, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiErrorResponses } from '../../common/http/api-responses';
import { UuidParam } from '../../common/http/uuid-param';
import { Actor } from '../../common/policy/actor';
import { CurrentActor } from '../../common/policy/current-actor.decorator';
import { Roles } from '../../common/policy/roles.decorator';
import { Idempotent } from '../idempotency/idempotent.decorator';
import { ApprovalRequestedDto } from '../approvals/dtos/approval.dto';
import { IntentRecordView, RecordIntentDto } from './dtos/intent.dto';
import { IntentsService } from './intents.service';

@ApiTags('intents')
@ApiBearerAuth()
@ApiErrorResponses(400, 401, 404)
@Controller('households')
export class IntentsController {
  constructor(private readonly intents: IntentsService) {}

  @Post(':id/intent')
  @Idempotent()
  @Roles('admin', 'commander', 'cadre')
  @ApiCreatedResponse({ type: IntentRecordView })
  @ApiAcceptedResponse({
    type: ApprovalRequestedDto,
    description: 'after signing: an intent_change request awaiting the command centre',
  })
  @ApiErrorResponses(403, 422)
  async record(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() dto: RecordIntentDto,
    @Res({ passthrough: true }) response: Response,
  ) {
    const result = await this.intents.request(actor, id, dto);
    if (result.recorded) return result.record;
    response.status(202);
    return { approval: result.approval };
  }

  @Get(':id/intents')
  @ApiOkResponse({ type: [IntentRecordView] })
  history(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string): Promise<IntentRecordView[]> {
    return this.intents.history(actor, id);
  }
}
