import { Body, Controller, Get, Param, Post, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { UuidParam } from '../../common/http/uuid-param';
import { Actor } from '../../common/policy/actor';
import { CurrentActor } from '../../common/policy/current-actor.decorator';
import { Roles } from '../../common/policy/roles.decorator';
import { IntentRecordView, RecordIntentDto } from './dtos/intent.dto';
import { IntentsService } from './intents.service';

@ApiTags('intents')
@ApiBearerAuth()
@Controller('households')
export class IntentsController {
  constructor(private readonly intents: IntentsService) {}

  @Post(':id/intent')
  @Roles('admin', 'commander', 'cadre')
  @ApiCreatedResponse({ type: IntentRecordView })
  @ApiAcceptedResponse({ description: 'after signing: { approval } awaiting the command centre' })
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
