import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses, ApiPageResponse } from '../../common/http/api-responses';
import { Page } from '../../common/http/pagination';
import { UuidParam } from '../../common/http/uuid-param';
import { Actor } from '../../common/policy/actor';
import { CurrentActor } from '../../common/policy/current-actor.decorator';
import { Roles } from '../../common/policy/roles.decorator';
import {
  DuplicateDecisionDto,
  DuplicateGetQueryDto,
  DuplicatePairView,
  DuplicateQueryDto,
  DuplicateScanView,
} from './dtos/duplicate.dto';
import { DuplicatesService } from './duplicates.service';

@ApiTags('duplicates')
@ApiBearerAuth()
@ApiErrorResponses(400, 401)
@Controller('duplicates')
export class DuplicatesController {
  constructor(private readonly duplicates: DuplicatesService) {}

  /** Likely duplicate people whose two households the caller sees, newest first, with the evidence (masked). */
  @Get()
  @ApiPageResponse(DuplicatePairView)
  list(@CurrentActor() actor: Actor, @Query() query: DuplicateQueryDto): Promise<Page<DuplicatePairView>> {
    return this.duplicates.list(actor, query);
  }

  /** Compares every household's people with everyone else's (pairs in data older than the detection). */
  @Post('scan')
  @HttpCode(200)
  @Roles('admin', 'commander')
  @ApiOkResponse({ type: DuplicateScanView })
  @ApiErrorResponses(403)
  scan(): Promise<DuplicateScanView> {
    return this.duplicates.scan();
  }

  @Get(':id')
  @ApiOkResponse({ type: DuplicatePairView })
  @ApiErrorResponses(403, 404)
  get(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Query() query: DuplicateGetQueryDto,
  ): Promise<DuplicatePairView> {
    return this.duplicates.get(actor, id, query.reveal === true);
  }

  /** same_person merges (409 with a code when the two cannot be merged); different_people is never flagged again. */
  @Post(':id/decision')
  @HttpCode(200)
  @Roles('admin', 'commander')
  @ApiOkResponse({ type: DuplicatePairView })
  @ApiErrorResponses(403, 404, 409)
  decide(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() dto: DuplicateDecisionDto,
  ): Promise<DuplicatePairView> {
    return this.duplicates.decide(actor, id, dto);
  }
}
