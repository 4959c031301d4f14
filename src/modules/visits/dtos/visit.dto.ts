import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsISO8601,
  IsLatitude,
  IsLongitude,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { ErrorDetailDto } from '../../../common/errors/error-response.dto';
import { PageQueryDto } from '../../../common/http/pagination';
import { IsOneOf } from '../../../common/http/validation';
import { IsCalendarDate } from '../../../common/pii/validators';
import { INTENT_OPTIONS, keysOf } from '../../households/household.enums';

export const VISIT_METHOD_LABELS = { in_person: '入户走访', phone: '电话', online: '线上' } as const;
export const ATTITUDE_LABELS = { supportive: '支持', wavering: '犹豫', resistant: '抵触' } as const;
export const VISIT_METHODS = Object.keys(VISIT_METHOD_LABELS) as (keyof typeof VISIT_METHOD_LABELS)[];
export const ATTITUDES = Object.keys(ATTITUDE_LABELS) as (keyof typeof ATTITUDE_LABELS)[];

export class LocationDto {
  @ApiProperty({ example: 28.33 }) @IsLatitude() lat!: number;
  @ApiProperty({ example: 109.6 }) @IsLongitude() lng!: number;
}

export class CreateVisitDto {
  @ApiProperty({ example: '2026-11-28T10:30:00+08:00' }) @IsISO8601({ strict: true }) visitedAt!: string;
  @ApiProperty({ enum: VISIT_METHODS }) @IsOneOf(VISIT_METHOD_LABELS) method!: string;
  @ApiProperty({ example: '入户宣讲补偿政策，户主表示理解' })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  summary!: string;
  @ApiPropertyOptional({ enum: ATTITUDES }) @IsOptional() @IsOneOf(ATTITUDE_LABELS) attitude?: string;
  @ApiPropertyOptional({ description: '急难愁盼' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  concerns?: string;
  @ApiPropertyOptional({ enum: keysOf(INTENT_OPTIONS) })
  @IsOptional()
  @IsOneOf(INTENT_OPTIONS)
  intentObserved?: string;
  @ApiPropertyOptional({ type: LocationDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => LocationDto)
  location?: LocationDto;
  @ApiPropertyOptional({
    description: "chosen by the cadre's device; the same visit uploaded twice is stored once",
  })
  @IsOptional()
  @IsString()
  @Matches(/^[\w.:-]{1,64}$/, {
    message: 'clientId 只能包含字母、数字、下划线、点、冒号和短横线（最长64位）',
  })
  clientId?: string;
}

export class SyncVisitDto extends CreateVisitDto {
  @ApiProperty() @IsUUID() householdId!: string;
  @ApiProperty()
  @IsString()
  @Matches(/^[\w.:-]{1,64}$/, {
    message: 'clientId 只能包含字母、数字、下划线、点、冒号和短横线（最长64位）',
  })
  declare clientId: string;
}

export class SyncVisitsDto {
  @ApiProperty({ type: [SyncVisitDto], description: 'up to 500; each item is checked on its own' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @IsObject({ each: true })
  visits!: Record<string, unknown>[];
}

export class VisitQueryDto extends PageQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsUUID() householdId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() cadreId?: string;
  @ApiPropertyOptional({ description: 'business date YYYY-MM-DD (Asia/Shanghai), inclusive' })
  @IsOptional()
  @IsCalendarDate()
  from?: string;
  @ApiPropertyOptional({ description: 'business date YYYY-MM-DD (Asia/Shanghai), inclusive' })
  @IsOptional()
  @IsCalendarDate()
  to?: string;
}

export class VisitView {
  @ApiProperty() id!: string;
  @ApiProperty() householdId!: string;
  @ApiProperty() cadreId!: string;
  @ApiProperty() visitedAt!: string;
  @ApiProperty() businessDate!: string;
  @ApiProperty({ enum: VISIT_METHODS }) method!: string;
  @ApiProperty() summary!: string;
  @ApiProperty({ nullable: true, type: String, enum: ATTITUDES }) attitude!: string | null;
  @ApiProperty({ nullable: true, type: String }) concerns!: string | null;
  @ApiProperty({ nullable: true, type: String, enum: keysOf(INTENT_OPTIONS) }) intentObserved!: string | null;
  @ApiProperty({ nullable: true, type: LocationDto }) location!: LocationDto | null;
  @ApiProperty({ nullable: true, type: String }) clientId!: string | null;
  @ApiProperty() createdAt!: string;
}

/** Why one item of a sync was rejected: the error shape without status and request id. */
export class SyncErrorDto {
  @ApiProperty({ example: 'VALIDATION_FAILED' }) code!: string;
  @ApiProperty() message!: string;
  @ApiPropertyOptional({ type: [ErrorDetailDto] }) details?: ErrorDetailDto[];
}

export class SyncResultItem {
  @ApiProperty({ description: "the item's clientId; empty when it had none" }) clientId!: string;
  @ApiProperty({ enum: ['created', 'duplicate', 'rejected'] }) status!: 'created' | 'duplicate' | 'rejected';
  @ApiPropertyOptional({ description: 'created or duplicate: the stored visit' }) visitId?: string;
  @ApiPropertyOptional({ type: SyncErrorDto, description: 'rejected: why' }) error?: SyncErrorDto;
}

export class SyncResultDto {
  @ApiProperty({ type: [SyncResultItem], description: 'one per item, in order' }) results!: SyncResultItem[];
}
