import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses, ApiPageResponse } from '../../common/http/api-responses';
import { Page } from '../../common/http/pagination';
import { UuidParam } from '../../common/http/uuid-param';
import { Actor } from '../../common/policy/actor';
import { CurrentActor } from '../../common/policy/current-actor.decorator';
import { Roles } from '../../common/policy/roles.decorator';
import {
  AssignProblemDto,
  CreateProblemDto,
  FeedbackDto,
  ProblemQueryDto,
  ProblemView,
  ProgressDto,
  ResolveDto,
} from './dtos/problem.dto';
import { Idempotent } from '../idempotency/idempotent.decorator';
import { ProblemsService } from './problems.service';

@ApiTags('problems')
@ApiBearerAuth()
@ApiErrorResponses(400, 401)
@Controller('problems')
export class ProblemsController {
  constructor(private readonly problems: ProblemsService) {}

  @Post()
  @Idempotent()
  @Roles('admin', 'commander', 'cadre', 'official')
  @ApiCreatedResponse({ type: ProblemView, description: 'status open, with its deadline' })
  @ApiErrorResponses(403, 404)
  create(@CurrentActor() actor: Actor, @Body() dto: CreateProblemDto): Promise<ProblemView> {
    return this.problems.create(actor, dto);
  }

  @Get()
  @ApiPageResponse(ProblemView, 'without history')
  list(@CurrentActor() actor: Actor, @Query() query: ProblemQueryDto): Promise<Page<ProblemView>> {
    return this.problems.list(actor, query);
  }

  @Get(':id')
  @ApiOkResponse({ type: ProblemView, description: 'with its history' })
  @ApiErrorResponses(404)
  get(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string): Promise<ProblemView> {
    return this.problems.get(actor, id);
  }

  @Post(':id/assign')
  @HttpCode(200)
  @Roles('admin', 'commander')
  @ApiOkResponse({ type: ProblemView })
  @ApiErrorResponses(403, 404, 409, 422)
  assign(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() dto: AssignProblemDto,
  ): Promise<ProblemView> {
    return this.problems.assign(actor, id, dto);
  }

  @Post(':id/progress')
  @HttpCode(200)
  @Roles('admin', 'commander', 'handler')
  @ApiOkResponse({ type: ProblemView })
  @ApiErrorResponses(403, 404, 409, 422)
  progress(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() dto: ProgressDto,
  ): Promise<ProblemView> {
    return this.problems.progress(actor, id, dto);
  }

  @Post(':id/resolve')
  @HttpCode(200)
  @Roles('admin', 'commander', 'handler')
  @ApiOkResponse({ type: ProblemView })
  @ApiErrorResponses(403, 404, 409, 422)
  resolve(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() dto: ResolveDto,
  ): Promise<ProblemView> {
    return this.problems.resolve(actor, id, dto);
  }

  @Post(':id/feedback')
  @HttpCode(200)
  @Roles('admin', 'commander', 'cadre')
  @ApiOkResponse({ type: ProblemView })
  @ApiErrorResponses(403, 404, 409, 422)
  feedback(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() dto: FeedbackDto,
  ): Promise<ProblemView> {
    return this.problems.feedback(actor, id, dto);
  }

  @Post(':id/supervise')
  @HttpCode(200)
  @Roles('admin', 'commander', 'supervisor')
  @ApiOkResponse({ type: ProblemView })
  @ApiErrorResponses(403, 404, 409, 422)
  supervise(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string): Promise<ProblemView> {
    return this.problems.supervise(actor, id);
  }
}
