import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, MaxLength, Min, MinLength } from 'class-validator';
import { IsOneOf } from '../../../common/http/validation';
import { STAGE_LABELS, STAGES, Stage } from '../../households/household-stages';

export class TransitionDto {
  @ApiProperty({ enum: STAGES }) @IsOneOf(STAGE_LABELS) to!: Stage;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(1000) comment?: string;
  @ApiProperty({ description: 'the household version you read' }) @IsInt() @Min(1) version!: number;
}

export class RollbackDto {
  @ApiProperty({ example: '群众对实物调查结果有异议，重新调查' })
  @IsString()
  @MinLength(2)
  @MaxLength(1000)
  reason!: string;
  @ApiProperty() @IsInt() @Min(1) version!: number;
}
