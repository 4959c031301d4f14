import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses } from '../../common/http/api-responses';
import { Actor } from '../../common/policy/actor';
import { CurrentActor } from '../../common/policy/current-actor.decorator';
import { Roles } from '../../common/policy/roles.decorator';
import { DashboardSummary } from './dashboard-summary';
import { DashboardService } from './dashboard.service';
import { DashboardSummaryDto, DashboardTrendsDto, TrendsQueryDto } from './dtos/dashboard.dto';

@ApiTags('dashboard')
@ApiBearerAuth()
@ApiErrorResponses(401, 403)
@Controller('dashboard')
export class DashboardController {
  constructor(private readonly dashboard: DashboardService) {}

  /** Officials see their township/village subtree, cadres their own households, the rest everything. */
  @Get('summary')
  @Roles('admin', 'commander', 'supervisor', 'official', 'cadre')
  @ApiOperation({ summary: '挂图作战: households per stage per village, lights, and today’s numbers' })
  @ApiOkResponse({ type: DashboardSummaryDto })
  summary(@CurrentActor() actor: Actor): Promise<DashboardSummary> {
    return this.dashboard.summary(actor);
  }

  /** The 30-day trend lines of the dashboard, over the same households as the summary. */
  @Get('trends')
  @Roles('admin', 'commander', 'supervisor', 'official', 'cadre')
  @ApiOkResponse({ type: DashboardTrendsDto })
  trends(@CurrentActor() actor: Actor, @Query() query: TrendsQueryDto): Promise<DashboardTrendsDto> {
    return this.dashboard.trends(actor, query.days);
  }
}
