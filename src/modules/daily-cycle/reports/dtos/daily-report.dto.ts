import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AuditCheckpointDto } from '../../../audit/dtos/audit.dto';
import { STAGES, Stage } from '../../../households/household-stages';
import type { Breakdown, CadreRow, DailyReportBody, Figures } from '../report-builder';

/** OpenAPI shapes of the daily report (日汇报), mirroring DailyReportBody. */
export class ReportFiguresDto implements Figures {
  @ApiProperty() households!: number;
  @ApiProperty() visits!: number;
  @ApiProperty() householdsVisited!: number;
  @ApiProperty() intentChanges!: number;
  @ApiProperty() stageMoves!: number;
  @ApiProperty() problemsOpened!: number;
  @ApiProperty() problemsClosed!: number;
  @ApiProperty() problemsOverdue!: number;
}

export class ReportTotalsDto extends ReportFiguresDto {
  @ApiProperty() approvalsPending!: number;
  @ApiProperty({ description: 'flagged (priority) households touched that day' })
  priorityHouseholdsTouched!: number;
}

export class ReportStageRowDto {
  @ApiProperty({ enum: STAGES }) stage!: Stage;
  @ApiProperty({ description: 'households at this stage' }) count!: number;
  @ApiProperty({ description: 'households that reached it that day' }) today!: number;
  @ApiProperty({ description: 'share of all households, %' }) percent!: number;
}

export class ReportBreakdownDto extends ReportFiguresDto implements Breakdown {
  @ApiProperty({ nullable: true, type: String, description: 'null: households without one' }) id!:
    string | null;
  @ApiProperty() name!: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'number' },
    description: 'households per stage (stages with none are left out)',
  })
  stages!: Record<string, number>;
}

export class ReportCadreRowDto implements CadreRow {
  @ApiProperty() cadreId!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty() assigned!: number;
  @ApiProperty() visitedToday!: number;
  @ApiProperty() overdueVisits!: number;
}

export class ReportDifferenceDto {
  @ApiProperty({ example: 'byVillage.<id>.visits' }) path!: string;
  @ApiProperty({ nullable: true, type: Number }) stored!: number | null;
  @ApiProperty({ nullable: true, type: Number }) recomputed!: number | null;
}

export class ReportRecomputeDto {
  @ApiProperty({ description: 'the instant the day was recomputed at' }) at!: string;
  @ApiProperty({ description: 'whether a stored report was compared' }) compared!: boolean;
  @ApiProperty({ type: [ReportDifferenceDto] }) differences!: ReportDifferenceDto[];
}

export class DailyReportDto implements DailyReportBody {
  @ApiProperty({ example: '2026-11-28' }) date!: string;
  @ApiProperty() generatedAt!: string;
  @ApiProperty({ type: ReportTotalsDto }) totals!: ReportTotalsDto;
  @ApiProperty({ type: [ReportStageRowDto] }) stages!: ReportStageRowDto[];
  @ApiProperty({ type: [ReportBreakdownDto] }) byVillage!: ReportBreakdownDto[];
  @ApiProperty({ type: [ReportBreakdownDto] }) byTownship!: ReportBreakdownDto[];
  @ApiProperty({ type: [ReportBreakdownDto], description: 'empty for officials' })
  byTaskForce!: ReportBreakdownDto[];
  @ApiProperty({ type: [ReportCadreRowDto] }) byCadre!: ReportCadreRowDto[];
  @ApiPropertyOptional({
    type: AuditCheckpointDto,
    nullable: true,
    description: "the audit chain's keyed checkpoint when the report ran (GET /audit/verify?entries=&head=)",
  })
  auditCheckpoint?: AuditCheckpointDto | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    nullable: true,
    example: { households: 1, visits: 1 },
    description:
      'the version of each metric definition it was computed with (docs/metrics.md); null: stored before metric versioning',
  })
  metricVersions?: Record<string, number> | null;
  @ApiPropertyOptional({ type: ReportRecomputeDto, description: 'with ?recompute=true only' })
  recompute?: ReportRecomputeDto;
}

export class ReportCheckDto {
  @ApiProperty({ example: '2026-11-28', description: 'the business date whose stored report was checked' })
  date!: string;
  @ApiProperty() checkedAt!: string;
  @ApiProperty({ description: 'figures that differ from the events: must be 0' }) differences!: number;
  @ApiProperty({ type: [ReportDifferenceDto], description: 'the first 200 differences' })
  detail!: ReportDifferenceDto[];
}

export class ReportChecksDto {
  @ApiProperty({ type: [ReportCheckDto], description: 'newest first' }) items!: ReportCheckDto[];
}
