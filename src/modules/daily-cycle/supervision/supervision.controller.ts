import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { ApiErrorResponses } from '../../../common/http/api-responses';
import { Roles } from '../../../common/policy/roles.decorator';
import { OverdueListsDto } from './dtos/supervision.dto';
import { SupervisionService } from './supervision.service';

export class OverdueQueryDto {
  @ApiPropertyOptional({
    default: 100,
    maximum: 1000,
    description: 'items per list (counts are always complete)',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit: number = 100;
}

@ApiTags('supervision')
@ApiBearerAuth()
@ApiErrorResponses(400, 401, 403)
@Controller('supervision')
export class SupervisionController {
  constructor(private readonly supervision: SupervisionService) {}

  @Get('overdue')
  @Roles('admin', 'commander', 'supervisor')
  @ApiOkResponse({ type: OverdueListsDto, description: 'oldest first in each list' })
  overdue(@Query() query: OverdueQueryDto) {
    return this.supervision.overdue(query.limit);
  }
}
