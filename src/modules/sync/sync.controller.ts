import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses } from '../../common/http/api-responses';
import { Actor } from '../../common/policy/actor';
import { CurrentActor } from '../../common/policy/current-actor.decorator';
import { Roles } from '../../common/policy/roles.decorator';
import { SyncPullDto, SyncPullQueryDto } from './dtos/sync.dto';
import { SyncService } from './sync.service';

@ApiTags('sync')
@ApiBearerAuth()
@Controller('sync')
export class SyncController {
  constructor(private readonly sync: SyncService) {}

  @Get('pull')
  @Roles('cadre')
  @ApiOperation({
    summary: "The cadre phone's offline copy: everything (reset) or what changed since the cursor",
    description:
      'Send the previous `cursor` as `since`. An absent, malformed, foreign or expired cursor is answered with ' +
      '`reset: true` and the whole copy (never an error, so a phone always recovers). A delta may repeat ' +
      'something already sent (writes committing during the pull), never miss one. Phones are always masked.',
  })
  @ApiOkResponse({ type: SyncPullDto })
  @ApiErrorResponses(400, 401, 403)
  pull(@CurrentActor() actor: Actor, @Query() query: SyncPullQueryDto): Promise<SyncPullDto> {
    return this.sync.pull(actor, query.since);
  }
}
