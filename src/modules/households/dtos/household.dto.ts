import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { PageQueryDto } from '../../../common/http/pagination';
import { IsOneOf, NotBlank, OptionalNotNull } from '../../../common/http/validation';
import { IsCalendarDate, IsMobilePhone, IsResidentId } from '../../../common/pii/validators';
import { LIGHT_REASON_LABELS } from '../lights';
import { STAGE_LABELS, STAGES, Stage } from '../household-stages';
import {
  ETHNICITIES,
  HOUSE_STRUCTURES,
  HOUSEHOLD_FLAGS,
  INTENT_OPTIONS,
  keysOf,
  LIGHTS,
  RELATIONS,
  SEXES,
} from '../household.enums';

const toBoolean = ({ value }: { value: unknown }) =>
  value === 'true' || value === true ? true : value === 'false' || value === false ? false : value;

export class HouseDto {
  @ApiProperty({ example: 120.5, description: 'main-house floor area, m²' })
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0)
  @Max(100000)
  floorArea!: number;

  @ApiProperty({ enum: keysOf(HOUSE_STRUCTURES) }) @IsOneOf(HOUSE_STRUCTURES) structure!: string;
}

export class MemberDto {
  @ApiProperty({ example: '龙秀英' }) @IsString() @NotBlank() @MaxLength(50) name!: string;
  @ApiProperty({ example: '433101198003150022' }) @IsResidentId() idNumber!: string;
  @ApiProperty({ enum: keysOf(SEXES) }) @IsOneOf(SEXES) sex!: string;
  @ApiProperty({ example: '1980-03-15' }) @IsCalendarDate() birthDate!: string;
  @ApiProperty({ enum: keysOf(RELATIONS) }) @IsOneOf(RELATIONS) relation!: string;
  @ApiPropertyOptional({ example: '06', description: 'GB 3304 code' })
  @IsOptional()
  @IsOneOf(ETHNICITIES)
  ethnicity?: string;
  @ApiPropertyOptional({ example: 'local', description: '户籍状态' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  hukouStatus?: string;
}

class HouseholdFieldsDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(40) group?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) address?: string;
  @ApiPropertyOptional({
    example: '13812345678',
    type: String,
    nullable: true,
    description: 'null clears it',
  })
  @IsOptional()
  @IsMobilePhone()
  phone?: string | null;
  @ApiPropertyOptional({ enum: keysOf(HOUSEHOLD_FLAGS), isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsOneOf(HOUSEHOLD_FLAGS, { each: true })
  flags?: string[];
  @ApiPropertyOptional({ type: HouseDto, nullable: true, description: 'null clears it' })
  @IsOptional()
  @ValidateNested()
  @Type(() => HouseDto)
  house?: HouseDto | null;
  @ApiPropertyOptional({ type: [MemberDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => MemberDto)
  members?: MemberDto[];
  @ApiPropertyOptional() @IsOptional() @IsUUID() taskForceId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) note?: string;
}

export class CreateHouseholdDto extends HouseholdFieldsDto {
  @ApiProperty({ example: 'AZ-DXZ-0001' })
  @IsString()
  @Matches(/^[A-Za-z0-9-]{1,40}$/, { message: '户编号只能包含字母、数字和短横线（最长40位）' })
  code!: string;

  @ApiProperty({ example: '龙老三' }) @IsString() @NotBlank() @MaxLength(50) headName!: string;
  @ApiProperty({ example: '433101195501010010' }) @IsResidentId() headIdNumber!: string;
  @ApiProperty() @IsUUID() villageId!: string;
  @ApiPropertyOptional({ description: 'the contact cadre (包户干部)' })
  @IsOptional()
  @IsUUID()
  cadreId?: string;
}

export class UpdateHouseholdDto extends HouseholdFieldsDto {
  @ApiProperty({ description: 'the version you read' }) @IsInt() @Min(1) version!: number;
  @ApiPropertyOptional() @OptionalNotNull() @IsString() @NotBlank() @MaxLength(50) headName?: string;
  @ApiPropertyOptional() @OptionalNotNull() @IsResidentId() headIdNumber?: string;
  @ApiPropertyOptional() @OptionalNotNull() @IsUUID() villageId?: string;
}

export class AssignHouseholdsDto {
  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @ArrayMaxSize(5000)
  @IsUUID('all', { each: true })
  householdIds!: string[];

  @ApiProperty() @IsUUID() cadreId!: string;
}

export class HouseholdQueryDto extends PageQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsUUID() villageId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() townshipId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() taskForceId?: string;
  @ApiPropertyOptional({ enum: STAGES }) @IsOptional() @IsOneOf(STAGE_LABELS) stage?: Stage;
  @ApiPropertyOptional({ enum: keysOf(INTENT_OPTIONS) })
  @IsOptional()
  @IsOneOf(INTENT_OPTIONS)
  intent?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() cadreId?: string;
  @ApiPropertyOptional({ enum: keysOf(LIGHTS) }) @IsOptional() @IsOneOf(LIGHTS) light?: string;
  @ApiPropertyOptional({ enum: keysOf(HOUSEHOLD_FLAGS) })
  @IsOptional()
  @IsOneOf(HOUSEHOLD_FLAGS)
  flag?: string;
  @ApiPropertyOptional() @IsOptional() @Transform(toBoolean) @IsBoolean() onHold?: boolean;
  @ApiPropertyOptional({
    example: '2026-11-03',
    description:
      "only households visited on this business date (Asia/Shanghai): the dashboard's 今日走访, its 户",
  })
  @IsOptional()
  @IsCalendarDate()
  visitedOn?: string;
  @ApiPropertyOptional({
    example: '2026-11-03',
    description:
      "only households that advanced a stage on this business date: the dashboard's 今日阶段推进, its 户",
  })
  @IsOptional()
  @IsCalendarDate()
  advancedOn?: string;
  @ApiPropertyOptional({
    example: '2026-11-03',
    description: 'as it was at the end of this business day (Asia/Shanghai), rebuilt from the events',
  })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  asOf?: string;
  @ApiPropertyOptional({ description: 'code or head name (prefix), or an exact resident ID' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  q?: string;
  @ApiPropertyOptional({
    example: '-updatedAt',
    enum: ['code', '-code', 'updatedAt', '-updatedAt', 'headName', '-headName', 'stage', '-stage'],
  })
  @IsOptional()
  @IsIn(['code', '-code', 'updatedAt', '-updatedAt', 'headName', '-headName', 'stage', '-stage'])
  sort?: string;
  @ApiPropertyOptional({ description: 'full resident IDs and phones (audited; admin, commander, own cadre)' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  reveal?: boolean;
}

export class RevealQueryDto {
  @ApiPropertyOptional() @IsOptional() @Transform(toBoolean) @IsBoolean() reveal?: boolean;
  @ApiPropertyOptional({
    example: '2026-11-03',
    description: 'as it was at the end of this business day (Asia/Shanghai), rebuilt from the events',
  })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  asOf?: string;
}

export class MemberResponseDto {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'masked unless revealed' }) idNumber!: string;
  @ApiProperty({ enum: keysOf(SEXES) }) sex!: string;
  @ApiProperty({ example: '1980-03-15' }) birthDate!: string;
  @ApiProperty({ enum: keysOf(RELATIONS) }) relation!: string;
  @ApiProperty({ nullable: true, type: String }) ethnicity!: string | null;
  @ApiProperty({ nullable: true, type: String }) hukouStatus!: string | null;
}

export class HouseholdIntentDto {
  @ApiProperty({ enum: keysOf(INTENT_OPTIONS) }) option!: string;
  @ApiProperty({ nullable: true, type: String }) site!: string | null;
  @ApiProperty({ nullable: true, type: String }) livelihood!: string | null;
  @ApiProperty({ nullable: true, type: String }) recordedAt!: string | null;
}

export class CadreRefDto {
  @ApiProperty() id!: string;
  @ApiProperty() displayName!: string;
}

export class HouseResponseDto {
  @ApiProperty({ nullable: true, type: Number, description: 'm²' }) floorArea!: number | null;
  @ApiProperty({ nullable: true, type: String, enum: keysOf(HOUSE_STRUCTURES) }) structure!: string | null;
}

export class HouseholdResponseDto {
  @ApiProperty() id!: string;
  @ApiProperty() code!: string;
  @ApiProperty() headName!: string;
  @ApiProperty({ description: 'masked unless revealed' }) headIdNumber!: string;
  @ApiProperty({ nullable: true, type: String, description: 'masked unless revealed' }) phone!: string | null;
  @ApiProperty() villageId!: string;
  @ApiProperty({ nullable: true, type: String }) townshipId!: string | null;
  @ApiProperty({ nullable: true, type: String }) taskForceId!: string | null;
  @ApiProperty({ nullable: true, type: String }) group!: string | null;
  @ApiProperty({ nullable: true, type: String }) address!: string | null;
  @ApiProperty({ enum: STAGES }) stage!: string;
  @ApiProperty({ type: HouseholdIntentDto }) intent!: HouseholdIntentDto;
  @ApiProperty({ type: CadreRefDto, nullable: true }) cadre!: CadreRefDto | null;
  @ApiProperty() onHold!: boolean;
  @ApiProperty({ nullable: true, type: String }) holdReason!: string | null;
  @ApiProperty({ enum: keysOf(LIGHTS) }) light!: string;
  @ApiProperty({ enum: keysOf(LIGHT_REASON_LABELS), isArray: true, description: 'why it is not green' })
  lightReasons!: string[];
  @ApiProperty({ enum: keysOf(HOUSEHOLD_FLAGS), isArray: true }) flags!: string[];
  @ApiProperty({ type: HouseResponseDto, nullable: true }) house!: HouseResponseDto | null;
  @ApiPropertyOptional({ type: [MemberResponseDto] }) members?: MemberResponseDto[];
  @ApiProperty({ nullable: true, type: String }) lastVisitAt!: string | null;
  @ApiProperty() openProblems!: number;
  @ApiProperty({ nullable: true, type: String }) note!: string | null;
  @ApiProperty() version!: number;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
  @ApiPropertyOptional({
    description:
      'with ?asOf=: the business date it shows. Stage, intent, cadre, village, task force, flags, hold, light, ' +
      "last visit and open problems are as they were then; names, IDs and members are today's",
  })
  asOf?: string;
}

export class AssignResultDto {
  @ApiProperty({ description: 'households now assigned to the cadre' }) assigned!: number;
}
