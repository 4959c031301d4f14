import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { IsOneOf } from '../../../common/http/validation';
import { INTENT_OPTIONS, keysOf, LIVELIHOODS } from '../../households/household.enums';

export class RecordIntentDto {
  @ApiProperty({ enum: keysOf(INTENT_OPTIONS) }) @IsOneOf(INTENT_OPTIONS) option!: string;
  @ApiPropertyOptional({ example: '矮寨镇集中安置点' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  site?: string;
  @ApiPropertyOptional({ enum: keysOf(LIVELIHOODS) })
  @IsOptional()
  @IsOneOf(LIVELIHOODS)
  livelihood?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(1000) note?: string;
  @ApiPropertyOptional({ description: 'the visit this intent was heard on' })
  @IsOptional()
  @IsUUID()
  visitId?: string;
}

export class IntentRecordView {
  @ApiProperty() id!: string;
  @ApiProperty() householdId!: string;
  @ApiProperty({ enum: keysOf(INTENT_OPTIONS) }) option!: string;
  @ApiProperty({ nullable: true, type: String }) site!: string | null;
  @ApiProperty({ nullable: true, type: String }) livelihood!: string | null;
  @ApiProperty({ nullable: true, type: String }) note!: string | null;
  @ApiProperty({ nullable: true, type: String }) visitId!: string | null;
  @ApiProperty({ nullable: true, type: String }) approvalId!: string | null;
  @ApiProperty({ nullable: true, type: String }) previousOption!: string | null;
  @ApiProperty() recordedBy!: string;
  @ApiProperty() recordedAt!: string;
}
