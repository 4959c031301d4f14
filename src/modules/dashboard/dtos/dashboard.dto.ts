import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { STAGES } from '../../households/household-stages';

/** OpenAPI shapes of GET /dashboard/summary. */
export class LightCountsDto {
  @ApiProperty() green!: number;
  @ApiProperty() yellow!: number;
  @ApiProperty() red!: number;
}

export class DashboardTotalsDto {
  @ApiProperty() households!: number;
  @ApiProperty() onHold!: number;
  @ApiProperty() lights!: LightCountsDto;
}

export class StageCountDto {
  @ApiProperty({ enum: STAGES }) stage!: string;
  @ApiProperty({ example: '已签约' }) label!: string;
  @ApiProperty() count!: number;
  @ApiProperty({ description: 'share of the caller’s households, %' }) percent!: number;
}

export class VillageSummaryDto {
  @ApiProperty() villageId!: string;
  @ApiProperty() villageName!: string;
  @ApiProperty({ type: String, nullable: true }) townshipId!: string | null;
  @ApiProperty({ type: String, nullable: true }) townshipName!: string | null;
  @ApiProperty() households!: number;
  @ApiProperty() onHold!: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'number' },
    description: 'households per stage, every stage present',
  })
  stages!: Record<string, number>;
  @ApiProperty() lights!: LightCountsDto;
}

export class TodayDto {
  @ApiProperty() visits!: number;
  @ApiProperty() householdsVisited!: number;
  @ApiProperty({ description: 'advances + rollbacks' }) stageMoves!: number;
  @ApiProperty() advances!: number;
  @ApiProperty({ description: 'households with at least one advance today' }) householdsAdvanced!: number;
  @ApiProperty() rollbacks!: number;
  @ApiProperty() problemsOpened!: number;
  @ApiProperty() problemsClosed!: number;
  @ApiProperty({ description: 'active problems past their deadline now' }) problemsOverdue!: number;
  @ApiProperty() approvalsPending!: number;
}

export class TrendDayDto {
  @ApiProperty({ example: '2026-12-01' }) date!: string;
  @ApiProperty() visits!: number;
  @ApiProperty() householdsVisited!: number;
  @ApiProperty({ description: 'stage advances (rollbacks not counted)' }) advances!: number;
  @ApiProperty() problemsOpened!: number;
  @ApiProperty() problemsClosed!: number;
}

export class DashboardTrendsDto {
  @ApiProperty() from!: string;
  @ApiProperty() to!: string;
  @ApiProperty({ type: [TrendDayDto], description: 'every business date from..to, oldest first' })
  days!: TrendDayDto[];
}

export class TrendsQueryDto {
  @ApiPropertyOptional({ default: 30, minimum: 1, maximum: 366 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(366)
  days: number = 30;
}

export class DashboardSummaryDto {
  @ApiProperty({ description: 'today’s business date (Asia/Shanghai)' }) date!: string;
  @ApiProperty() generatedAt!: string;
  @ApiProperty() totals!: DashboardTotalsDto;
  @ApiProperty({ type: [StageCountDto] }) stages!: StageCountDto[];
  @ApiProperty({ type: [VillageSummaryDto] }) villages!: VillageSummaryDto[];
  @ApiProperty() today!: TodayDto;
}
