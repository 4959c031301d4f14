import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsISO8601, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { PageQueryDto } from '../../../common/http/pagination';
import { IsOneOf } from '../../../common/http/validation';
import { keysOf } from '../../households/household.enums';
import {
  PROBLEM_CATEGORIES,
  PROBLEM_CATEGORY_LABELS,
  PROBLEM_STATUSES,
  SEVERITIES,
  STATUS_LABELS,
} from '../problem-states';

const toBoolean = ({ value }: { value: unknown }) =>
  value === 'true' || value === true ? true : value === 'false' || value === false ? false : value;

export class CreateProblemDto {
  @ApiPropertyOptional() @IsOptional() @IsUUID() householdId?: string;
  @ApiProperty({ enum: PROBLEM_CATEGORIES }) @IsOneOf(PROBLEM_CATEGORY_LABELS) category!: string;
  @ApiProperty({ enum: keysOf(SEVERITIES) }) @IsOneOf(SEVERITIES) severity!: string;
  @ApiProperty() @IsString() @MinLength(2) @MaxLength(2000) description!: string;
}

export class AssignProblemDto {
  @ApiProperty({ description: 'the unit (后盾单位/职能部门) that must handle it' }) @IsUUID() unitId!: string;
  @ApiPropertyOptional({ description: 'a handler of that unit' }) @IsOptional() @IsUUID() ownerId?: string;
  @ApiPropertyOptional({ description: 'overrides the deadline from the severity' })
  @IsOptional()
  @IsISO8601({ strict: true })
  dueAt?: string;
}

export class ProgressDto {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(2000) note!: string;
}

export class ResolveDto {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(2000) resolution!: string;
}

export class FeedbackDto {
  @ApiProperty({ description: "the resident's verdict" }) @IsBoolean() satisfied!: boolean;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) note?: string;
}

export class ProblemQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: PROBLEM_STATUSES })
  @IsOptional()
  @IsOneOf(STATUS_LABELS)
  status?: string;
  @ApiPropertyOptional({ enum: keysOf(SEVERITIES) })
  @IsOptional()
  @IsOneOf(SEVERITIES)
  severity?: string;
  @ApiPropertyOptional({ enum: PROBLEM_CATEGORIES })
  @IsOptional()
  @IsOneOf(PROBLEM_CATEGORY_LABELS)
  category?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() unitId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() householdId?: string;
  @ApiPropertyOptional() @IsOptional() @Transform(toBoolean) @IsBoolean() overdue?: boolean;
  @ApiPropertyOptional() @IsOptional() @Transform(toBoolean) @IsBoolean() supervised?: boolean;
}

export class ProblemEventView {
  @ApiProperty() at!: string;
  @ApiProperty() kind!: string;
  @ApiProperty({ nullable: true, type: String }) fromStatus!: string | null;
  @ApiProperty({ nullable: true, type: String }) toStatus!: string | null;
  @ApiProperty({ nullable: true, type: String }) note!: string | null;
  @ApiProperty() actorId!: string;
  @ApiProperty({ nullable: true, type: String, description: "the actor's display name" })
  actorName!: string | null;
}

export class ProblemView {
  @ApiProperty() id!: string;
  @ApiProperty({ nullable: true, type: String }) householdId!: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'AZ-DXZ-0001' }) householdCode!: string | null;
  @ApiProperty({ nullable: true, type: String, description: "the household head's name" })
  headName!: string | null;
  @ApiProperty({ nullable: true, type: String }) villageId!: string | null;
  @ApiProperty({ enum: PROBLEM_CATEGORIES }) category!: string;
  @ApiProperty({ enum: keysOf(SEVERITIES) }) severity!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ enum: PROBLEM_STATUSES }) status!: string;
  @ApiProperty() reporterId!: string;
  @ApiProperty({ nullable: true, type: String }) reporterName!: string | null;
  @ApiProperty({ nullable: true, type: String }) unitId!: string | null;
  @ApiProperty({ nullable: true, type: String }) ownerId!: string | null;
  @ApiProperty({ nullable: true, type: String }) ownerName!: string | null;
  @ApiProperty() openedAt!: string;
  @ApiProperty() dueAt!: string;
  @ApiProperty({ nullable: true, type: String }) resolvedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) closedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) resolution!: string | null;
  @ApiProperty() supervised!: boolean;
  @ApiProperty() overdue!: boolean;
  @ApiProperty({ enum: ['green', 'yellow', 'red'] }) light!: string;
  @ApiProperty() reopenCount!: number;
  @ApiProperty() version!: number;
  @ApiPropertyOptional({ type: [ProblemEventView] }) history?: ProblemEventView[];
}
