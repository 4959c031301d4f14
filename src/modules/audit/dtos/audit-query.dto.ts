import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsISO8601, IsOptional, IsString, Matches, MaxLength, Min, ValidateIf } from 'class-validator';
import { PageQueryDto } from '../../../common/http/pagination';

export class AuditQueryDto extends PageQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(40) entityType?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64) entityId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(36) actorId?: string;
  @ApiPropertyOptional({ description: 'ISO 8601 instant (inclusive)' })
  @IsOptional()
  @IsISO8601()
  from?: string;
  @ApiPropertyOptional({ description: 'ISO 8601 instant (exclusive)' })
  @IsOptional()
  @IsISO8601()
  to?: string;
}

/** A checkpoint from outside the database (the log's "audit checkpoint" line, a daily report's copy). */
export class VerifyQueryDto {
  @ApiPropertyOptional({ description: "a checkpoint's entry count; give head too" })
  @ValidateIf((query: VerifyQueryDto) => query.entries !== undefined || query.head !== undefined)
  @Type(() => Number)
  @IsInt()
  @Min(1)
  entries?: number;
  @ApiPropertyOptional({ description: "the checkpoint's head hash (64 hex digits)" })
  @ValidateIf((query: VerifyQueryDto) => query.entries !== undefined || query.head !== undefined)
  @Matches(/^[0-9a-f]{64}$/, { message: '必须是64位十六进制哈希' })
  head?: string;
}
