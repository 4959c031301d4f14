import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses, ApiPageResponse } from '../../../common/http/api-responses';
import { Page } from '../../../common/http/pagination';
import { UuidParam } from '../../../common/http/uuid-param';
import { Actor } from '../../../common/policy/actor';
import { CurrentActor } from '../../../common/policy/current-actor.decorator';
import { Roles } from '../../../common/policy/roles.decorator';
import { Idempotent } from '../../idempotency/idempotent.decorator';
import {
  MarkReadResultDto,
  NotificationQueryDto,
  NotificationView,
} from '../../notifications/dtos/notification.dto';
import { NotificationsService } from '../../notifications/notifications.service';
import { CompleteTaskDto, DispatchSheetDto, TaskQueryDto, TaskView } from './dtos/task.dto';
import { TasksService } from './tasks.service';

@ApiTags('tasks')
@ApiBearerAuth()
@ApiErrorResponses(401)
@Controller()
export class TasksController {
  constructor(
    private readonly tasks: TasksService,
    private readonly inbox: NotificationsService,
  ) {}

  @Get('tasks')
  @ApiPageResponse(TaskView, 'tasks the caller may see')
  @ApiErrorResponses(400)
  list(@CurrentActor() actor: Actor, @Query() query: TaskQueryDto): Promise<Page<TaskView>> {
    return this.tasks.list(actor, query);
  }

  @Post('tasks/:id/complete')
  @HttpCode(200)
  @Idempotent()
  @ApiOkResponse({ type: TaskView })
  @ApiErrorResponses(400, 403, 404, 422)
  complete(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() dto: CompleteTaskDto,
  ): Promise<TaskView> {
    return this.tasks.complete(actor, id, dto);
  }

  /** The dispatch sheet (调度单) of a cycle date, grouped by assignee. */
  @Get('dispatch/:date')
  @Roles('admin', 'commander', 'supervisor')
  @ApiOkResponse({ type: DispatchSheetDto })
  @ApiErrorResponses(400, 403)
  sheet(@Param('date') date: string) {
    return this.tasks.sheet(date);
  }

  @Get('notifications')
  @ApiPageResponse(NotificationView, "the caller's own, newest first")
  @ApiErrorResponses(400)
  notifications(@CurrentActor() actor: Actor, @Query() query: NotificationQueryDto) {
    return this.inbox.list(actor, query);
  }

  @Post('notifications/read-all')
  @HttpCode(200)
  @ApiOkResponse({ type: MarkReadResultDto })
  @ApiErrorResponses(403)
  readAll(@CurrentActor() actor: Actor) {
    return this.inbox.markRead(actor);
  }

  @Post('notifications/:id/read')
  @HttpCode(200)
  @ApiOkResponse({ type: MarkReadResultDto, description: '0 when it was read already' })
  @ApiErrorResponses(400, 403, 404)
  read(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string) {
    return this.inbox.markRead(actor, id);
  }
}
