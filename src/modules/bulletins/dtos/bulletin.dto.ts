import { ApiProperty } from '@nestjs/swagger';
import type { Ranking, StalledUnit, SupervisedItem, WeeklyBulletinBody } from '../bulletin-builder';
import type { RankRow } from '../bulletin-metrics';

/** OpenAPI shapes of the bulletin (docs/metrics.md defines every figure). */
export class RankRowDto implements RankRow {
  @ApiProperty({ description: '名次; equal figures share a rank' }) rank!: number;
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: Number, nullable: true, description: 'null for units' }) households!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: '期初综合完成率 %' }) completionStart!:
    number | null;
  @ApiProperty({ type: Number, nullable: true, description: '综合完成率 % at week end' }) completion!:
    number | null;
  @ApiProperty({ type: Number, nullable: true, description: '本周提升, percentage points' }) gain!:
    number | null;
  @ApiProperty({ type: Number, nullable: true, description: '签约率 %' }) signedPercent!: number | null;
  @ApiProperty({ description: 'problems closed (销号) in the week' }) closed!: number;
  @ApiProperty({ description: 'of which by their deadline' }) closedOnTime!: number;
  @ApiProperty({ type: Number, nullable: true, description: '按期销号率 %; null if none closed' })
  onTimeRate!: number | null;
  @ApiProperty({ description: 'overdue problems at week end; for cadres households overdue for a visit' })
  overdue!: number;
}

export class BottomEntryDto {
  @ApiProperty() rank!: number;
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
}

export class RankingDto implements Ranking {
  @ApiProperty() rule!: string;
  @ApiProperty({ type: [RankRowDto] }) rows!: RankRowDto[];
  @ApiProperty({ type: [BottomEntryDto], description: '末三位' }) bottom!: BottomEntryDto[];
}

export class RankingsDto {
  @ApiProperty() taskForces!: RankingDto;
  @ApiProperty() townships!: RankingDto;
  @ApiProperty() villages!: RankingDto;
  @ApiProperty() units!: RankingDto;
  @ApiProperty() cadres!: RankingDto;
}

export class StalledUnitDto implements StalledUnit {
  @ApiProperty() unitId!: string;
  @ApiProperty() name!: string;
  @ApiProperty() activeProblems!: number;
  @ApiProperty({ type: String, nullable: true }) lastProgressAt!: string | null;
}

export class SupervisedItemDto implements SupervisedItem {
  @ApiProperty() problemId!: string;
  @ApiProperty() category!: string;
  @ApiProperty({ enum: ['p1', 'p2', 'p3'] }) severity!: string;
  @ApiProperty({ description: 'status at week end' }) status!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ type: String, nullable: true }) unitId!: string | null;
  @ApiProperty({ type: String, nullable: true }) unitName!: string | null;
  @ApiProperty({ type: String, nullable: true }) villageName!: string | null;
  @ApiProperty({ type: String, nullable: true }) householdCode!: string | null;
  @ApiProperty() openedAt!: string;
  @ApiProperty() dueAt!: string;
  @ApiProperty() overdue!: boolean;
}

export class BulletinTotalsDto {
  @ApiProperty() households!: number;
  @ApiProperty({ type: Number, nullable: true }) completionStart!: number | null;
  @ApiProperty({ type: Number, nullable: true }) completion!: number | null;
  @ApiProperty({ type: Number, nullable: true }) gain!: number | null;
  @ApiProperty({ type: Number, nullable: true }) signedPercent!: number | null;
  @ApiProperty() closed!: number;
  @ApiProperty() closedOnTime!: number;
  @ApiProperty({ type: Number, nullable: true }) onTimeRate!: number | null;
  @ApiProperty() overdueProblems!: number;
  @ApiProperty() overdueVisits!: number;
  @ApiProperty() supervised!: number;
  @ApiProperty() stalledUnits!: number;
}

export class WeeklyBulletinDto implements WeeklyBulletinBody {
  @ApiProperty({ example: '2026-11-23', description: 'Monday' }) weekStart!: string;
  @ApiProperty({ example: '2026-11-29', description: 'Sunday' }) lastDate!: string;
  @ApiProperty() generatedAt!: string;
  @ApiProperty({ description: 'STALL_WEEKS used for stalledUnits' }) stallWeeks!: number;
  @ApiProperty() totals!: BulletinTotalsDto;
  @ApiProperty() rankings!: RankingsDto;
  @ApiProperty({ type: [StalledUnitDto] }) stalledUnits!: StalledUnitDto[];
  @ApiProperty({ type: [SupervisedItemDto] }) supervised!: SupervisedItemDto[];
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    nullable: true,
    example: { households: 1, completion: 1 },
    description:
      'the version of each metric definition it was computed with (docs/metrics.md); null: stored before metric versioning',
  })
  metricVersions?: Record<string, number> | null;
}

export class BulletinRunResponseDto {
  @ApiProperty() weekStart!: string;
  @ApiProperty({ enum: ['done', 'skipped'], description: 'skipped: it was stored already and is unchanged' })
  status!: 'done' | 'skipped';
  @ApiProperty() message!: string;
  @ApiProperty() bulletin!: WeeklyBulletinDto;
}
