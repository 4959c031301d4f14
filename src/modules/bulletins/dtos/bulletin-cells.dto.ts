import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { IsOptional, IsString, Matches } from 'class-validator';
import { PageDto, PageQueryDto } from '../../../common/http/pagination';
import { IsOneOf } from '../../../common/http/validation';
import { HouseholdResponseDto } from '../../households/dtos/household.dto';
import { keysOf } from '../../households/household.enums';
import { PROBLEM_CATEGORIES, PROBLEM_STATUSES, SEVERITIES } from '../../problems/problem-states';
import {
  BULLETIN_CELL_METRICS,
  BulletinItemKind,
  GROUP_KIND_IDS,
  GROUP_KINDS,
  GroupKind,
} from '../bulletin-cells';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const METRIC_DESCRIPTION = [
  'the number to open (docs/metrics.md, 周通报). In a ranking row: `households` (户数), `signed` (the households',
  'signed at week end: the numerator of 签约率), `progressed` (households whose stage step rose during the week:',
  'what 本周提升 is made of; its count is **not** a figure of the bulletin, a rollback lowers the gain without',
  'being listed), `closed` (本周销号), `closedOnTime` (按期销号), `overdue` (超期数: active problems past due at week',
  'end; for a cadre the households overdue for a visit). Units: `closed`, `closedOnTime`, `overdue`. The totals',
  '(no group): `households`, `signed`, `progressed`, `closed`, `closedOnTime`, `overdueProblems`,',
  '`overdueVisits`, `supervised` (挂牌督办).',
].join(' ');

/** Which number of a stored bulletin to open: a figure of its totals, or of one row of a ranking. */
export class BulletinCellsQueryDto extends PageQueryDto {
  @ApiProperty({ enum: BULLETIN_CELL_METRICS, description: METRIC_DESCRIPTION })
  @IsString()
  metric!: string;

  @ApiPropertyOptional({
    enum: GROUP_KIND_IDS,
    description: 'the ranking of the row (with groupId); absent: the totals',
  })
  @IsOptional()
  @IsOneOf(GROUP_KINDS)
  groupKind?: GroupKind;

  @ApiPropertyOptional({ format: 'uuid', description: 'the row: its `id` in the ranking (with groupKind)' })
  @IsOptional()
  @Matches(UUID, { message: '必须是编号（UUID）' })
  groupId?: string;
}

/** One problem behind a number, as it was at week end, with its household then. */
export class BulletinProblemItemDto {
  @ApiProperty({ enum: ['problem'] }) kind!: 'problem';
  @ApiProperty({ description: 'the problem’s id' }) id!: string;
  @ApiProperty({ nullable: true, type: String }) householdId!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'the problem’s own village' })
  villageId!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'its unit (承办单位) now' })
  unitId!: string | null;
  @ApiProperty({ enum: PROBLEM_CATEGORIES }) category!: string;
  @ApiProperty({ enum: keysOf(SEVERITIES) }) severity!: string;
  @ApiProperty({ enum: PROBLEM_STATUSES, description: 'its status at week end' }) status!: string;
  @ApiProperty({ description: 'its deadline (办理时限)' }) dueAt!: string;
  @ApiProperty({ nullable: true, type: String, description: 'when it was closed (销号)' })
  closedAt!: string | null;
  @ApiProperty({
    nullable: true,
    type: () => HouseholdResponseDto,
    description:
      'the household as it was at week end (as `GET /households?asOf=` the week’s Sunday); null: none',
  })
  household!: HouseholdResponseDto | null;
}

@ApiExtraModels(HouseholdResponseDto, BulletinProblemItemDto)
export class BulletinCellsPageDto extends PageDto {
  @ApiProperty({ example: '2026-11-23' }) weekStart!: string;
  @ApiProperty({ enum: BULLETIN_CELL_METRICS }) metric!: string;
  @ApiProperty({ enum: GROUP_KIND_IDS, nullable: true, type: String, description: 'null: the totals' })
  groupKind!: GroupKind | null;
  @ApiProperty({ nullable: true, type: String }) groupId!: string | null;
  @ApiProperty({ description: 'the stored bulletin’s instant' }) generatedAt!: string;
  @ApiProperty({
    description: 'the instant the week ended (next Monday 00:00 Asia/Shanghai): items are as then',
  })
  weekEnd!: string;
  @ApiProperty({
    enum: ['household', 'problem'],
    description: '`household`: items are households as `GET /households?asOf=` lists them; else problems',
  })
  itemKind!: BulletinItemKind;
  @ApiProperty({
    type: 'array',
    items: {
      oneOf: [{ $ref: getSchemaPath(HouseholdResponseDto) }, { $ref: getSchemaPath(BulletinProblemItemDto) }],
    },
  })
  items!: (HouseholdResponseDto | BulletinProblemItemDto)[];
}
