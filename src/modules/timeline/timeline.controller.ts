import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses, ApiPageResponse } from '../../common/http/api-responses';
import { Page, PageQueryDto } from '../../common/http/pagination';
import { UuidParam } from '../../common/http/uuid-param';
import { Actor } from '../../common/policy/actor';
import { CurrentActor } from '../../common/policy/current-actor.decorator';
import { TimelineEventDto } from './dtos/timeline.dto';
import { TimelineEvent, TimelineService } from './timeline.service';

@ApiTags('households')
@ApiBearerAuth()
@ApiErrorResponses(400, 401, 404)
@Controller('households')
export class TimelineController {
  constructor(private readonly timeline: TimelineService) {}

  /** Every event of a household — visits, intent, stage moves, approvals, problems, assignment, hold — newest first. */
  @Get(':id/timeline')
  @ApiPageResponse(TimelineEventDto, 'newest first')
  get(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Query() query: PageQueryDto,
  ): Promise<Page<TimelineEvent>> {
    return this.timeline.forHousehold(actor, id, query.page, query.pageSize);
  }
}
