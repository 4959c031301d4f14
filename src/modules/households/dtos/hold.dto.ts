import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { IsOneOf } from '../../../common/http/validation';
import { HOLD_REASONS, keysOf } from '../household.enums';

export class HoldDto {
  @ApiProperty({ enum: keysOf(HOLD_REASONS) }) @IsOneOf(HOLD_REASONS) reason!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) note?: string;
}

export class ReleaseDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) note?: string;
}
