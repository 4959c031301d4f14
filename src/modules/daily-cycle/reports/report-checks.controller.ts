import { Controller, ForbiddenException, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses } from '../../../common/http/api-responses';
import { AccessPolicy } from '../../../common/policy/access-policy';
import { Actor } from '../../../common/policy/actor';
import { CurrentActor } from '../../../common/policy/current-actor.decorator';
import { Roles } from '../../../common/policy/roles.decorator';
import { ReportChecksDto } from './dtos/daily-report.dto';
import { ReportRecomputeService } from './report-recompute.service';

/** How many of the latest checks the console shows: a month of nightly runs. */
const LATEST_CHECKS = 31;

/**
 * The nightly checks of the stored daily reports against the events (docs/architecture.md, "History"): the
 * dashboard's alert when the latest found a difference.
 */
@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports/checks')
@Roles('admin', 'commander', 'supervisor')
@ApiErrorResponses(401, 403)
export class ReportChecksController {
  constructor(private readonly recomputer: ReportRecomputeService) {}

  /** The latest checks, newest first; 403 to anyone who does not see every household (as the recompute). */
  @Get()
  @ApiOkResponse({ type: ReportChecksDto })
  async latest(@CurrentActor() actor: Actor): Promise<ReportChecksDto> {
    if (AccessPolicy.householdScope(actor).kind !== 'all')
      throw new ForbiddenException({ code: 'FORBIDDEN', message: '仅指挥部可查看日汇报核对结果' });
    return { items: await this.recomputer.latest(LATEST_CHECKS) };
  }
}
