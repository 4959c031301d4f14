import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses, ApiPageResponse } from '../../common/http/api-responses';
import { Page } from '../../common/http/pagination';
import { UuidParam } from '../../common/http/uuid-param';
import { Actor } from '../../common/policy/actor';
import { CurrentActor } from '../../common/policy/current-actor.decorator';
import { Roles } from '../../common/policy/roles.decorator';
import { CreateUserDto, ListUsersQueryDto, UpdateUserDto, UserResponseDto } from './dtos/user.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@ApiBearerAuth()
@ApiErrorResponses(400, 401, 403)
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @Roles('admin')
  @ApiCreatedResponse({ type: UserResponseDto })
  @ApiErrorResponses(409)
  create(@CurrentActor() actor: Actor, @Body() dto: CreateUserDto): Promise<UserResponseDto> {
    return this.users.create(actor, dto);
  }

  /** The command centre needs the user list to assign cadres and units. */
  @Get()
  @Roles('admin', 'commander', 'supervisor')
  @ApiPageResponse(UserResponseDto)
  list(@Query() query: ListUsersQueryDto): Promise<Page<UserResponseDto>> {
    return this.users.list(query);
  }

  @Get(':id')
  @Roles('admin', 'commander', 'supervisor')
  @ApiOkResponse({ type: UserResponseDto })
  @ApiErrorResponses(404)
  get(@Param('id', UuidParam) id: string): Promise<UserResponseDto> {
    return this.users.get(id);
  }

  @Patch(':id')
  @Roles('admin')
  @ApiOkResponse({ type: UserResponseDto })
  @ApiErrorResponses(404, 409, 422)
  update(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Body() dto: UpdateUserDto) {
    return this.users.update(actor, id, dto);
  }

  @Post(':id/deactivate')
  @HttpCode(200)
  @Roles('admin')
  @ApiOkResponse({ type: UserResponseDto })
  @ApiErrorResponses(404, 409, 422)
  deactivate(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string): Promise<UserResponseDto> {
    return this.users.deactivate(actor, id);
  }
}
