import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../common/policy/roles.decorator';
import { CycleService } from './cycle.service';

@ApiTags('cycle')
@ApiBearerAuth()
@Controller('cycle')
export class CycleController {
  constructor(private readonly cycle: CycleService) {}

  /** Runs report → review → dispatch for the date; a second run creates nothing new. */
  @Post(':date/run')
  @HttpCode(202)
  @Roles('admin', 'commander')
  @ApiAcceptedResponse({ description: '{ date, jobs: [{ name: "report"|"review"|"dispatch", status }] }' })
  run(@Param('date') date: string) {
    return this.cycle.run(date);
  }

  @Get(':date')
  @Roles('admin', 'commander', 'supervisor')
  status(@Param('date') date: string) {
    return this.cycle.status(date);
  }
}
