import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses } from '../../common/http/api-responses';
import { Roles } from '../../common/policy/roles.decorator';
import { CycleService } from './cycle.service';
import { CycleRunDto, CycleStatusDto } from './dtos/cycle.dto';

@ApiTags('cycle')
@ApiBearerAuth()
@ApiErrorResponses(400, 401, 403)
@Controller('cycle')
export class CycleController {
  constructor(private readonly cycle: CycleService) {}

  /** Runs report → review → dispatch for the date; a second run creates nothing new. */
  @Post(':date/run')
  @HttpCode(202)
  @Roles('admin', 'commander')
  @ApiAcceptedResponse({ type: CycleRunDto, description: 'queued; the steps as they stand' })
  @ApiErrorResponses(422)
  run(@Param('date') date: string) {
    return this.cycle.run(date);
  }

  @Get(':date')
  @Roles('admin', 'commander', 'supervisor')
  @ApiOkResponse({ type: CycleStatusDto })
  status(@Param('date') date: string) {
    return this.cycle.status(date);
  }
}
