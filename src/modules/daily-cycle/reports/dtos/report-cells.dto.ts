import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches } from 'class-validator';
import { PageDto, PageQueryDto } from '../../../../common/http/pagination';
import { HouseholdResponseDto } from '../../../households/dtos/household.dto';
import { STAGES, Stage } from '../../../households/household-stages';
import { CELL_METRIC_IDS, CellItemKind } from '../report-cells';

const ROW_ID = /^(none|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;
const rowId = (what: string) =>
  ApiPropertyOptional({
    description: `the ${what} row of the report; \`none\` for its row of things with none`,
  });
const ROW_MESSAGE = { message: '必须是编号（UUID）或 none' };

/** Which figure of the stored report to open: its metric id and the row (breakdown, cadre, stage) it is in. */
export class ReportCellsQueryDto extends PageQueryDto {
  @ApiProperty({
    enum: CELL_METRIC_IDS,
    description:
      'the figure (docs/metrics.md); with `stage`: `households`/`count` the stage count, `stageMoves`/`today` ' +
      "the stage table's `today` (advances into it)",
  })
  @IsString()
  metric!: string;
  @rowId('township') @IsOptional() @Matches(ROW_ID, ROW_MESSAGE) townshipId?: string;
  @rowId('village') @IsOptional() @Matches(ROW_ID, ROW_MESSAGE) villageId?: string;
  @rowId('task force') @IsOptional() @Matches(ROW_ID, ROW_MESSAGE) taskForceId?: string;
  @rowId('cadre (byCadre)') @IsOptional() @Matches(ROW_ID, ROW_MESSAGE) cadreId?: string;
  @ApiPropertyOptional({
    enum: STAGES,
    description:
      'household figures: the households at that stage then; `stageMoves`/`today`: the advances into it; ' +
      'other records: those of households at that stage then',
  })
  @IsOptional()
  @IsIn(STAGES, { message: '不是有效的阶段' })
  stage?: Stage;
}

/** One counted record (a visit, an intent record, a stage event, a problem, an approval) and its household. */
export class CellRecordDto {
  @ApiProperty({ enum: ['visit', 'intent', 'stageMove', 'problem', 'approval'] }) kind!: CellItemKind;
  @ApiProperty({ description: 'the record’s id' }) id!: string;
  @ApiProperty({ nullable: true, type: String }) householdId!: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'where the report counted it: the household’s village then, or the problem’s',
  })
  villageId!: string | null;
  @ApiProperty({
    nullable: true,
    type: () => HouseholdResponseDto,
    description: 'the household as it was when the report was made (as `GET /households?asOf=`); null: none',
  })
  household!: HouseholdResponseDto | null;
}

@ApiExtraModels(HouseholdResponseDto, CellRecordDto)
export class ReportCellsPageDto extends PageDto {
  @ApiProperty({ example: '2026-11-06' }) date!: string;
  @ApiProperty({ enum: CELL_METRIC_IDS }) metric!: string;
  @ApiProperty({ description: 'the stored report’s instant: the list is of that instant' })
  generatedAt!: string;
  @ApiProperty({
    enum: ['household', 'visit', 'intent', 'stageMove', 'problem', 'approval'],
    description: '`household`: items are households as `GET /households?asOf=` lists them; else records',
  })
  itemKind!: CellItemKind;
  @ApiProperty({
    type: 'array',
    items: { oneOf: [{ $ref: getSchemaPath(HouseholdResponseDto) }, { $ref: getSchemaPath(CellRecordDto) }] },
  })
  items!: (HouseholdResponseDto | CellRecordDto)[];
}
