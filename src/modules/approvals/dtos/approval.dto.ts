import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PageQueryDto } from '../../../common/http/pagination';
import { IsOneOf } from '../../../common/http/validation';
import { APPROVAL_LEVEL_LABELS, APPROVAL_LEVELS } from '../../stages/stage-machine';
import { APPROVAL_STATUS_LABELS, DECISION_LABELS } from '../entities/approval.entity';
import { STAGES } from '../../stages/stages';

export class DecisionDto {
  @ApiProperty({ enum: ['approve', 'reject'] })
  @IsOneOf(DECISION_LABELS)
  decision!: 'approve' | 'reject';
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(1000) comment?: string;
}

export class ApprovalQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['pending', 'approved', 'rejected', 'cancelled'] })
  @IsOptional()
  @IsOneOf(APPROVAL_STATUS_LABELS)
  status?: string;

  @ApiPropertyOptional({ enum: APPROVAL_LEVELS })
  @IsOptional()
  @IsOneOf(APPROVAL_LEVEL_LABELS)
  level?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() householdId?: string;
}

export class ApprovalStepView {
  @ApiProperty({ enum: APPROVAL_LEVELS }) level!: string;
  @ApiProperty({ enum: ['waiting', 'pending', 'approved', 'rejected', 'cancelled'] }) status!: string;
  @ApiProperty({ nullable: true, type: String }) decidedBy!: string | null;
  @ApiProperty({ nullable: true, type: String }) decidedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) comment!: string | null;
}

export class ApprovalView {
  @ApiProperty() id!: string;
  @ApiProperty() householdId!: string;
  @ApiProperty({ enum: ['stage', 'intent_change'] }) kind!: string;
  @ApiProperty({ enum: STAGES }) from!: string;
  @ApiProperty({ enum: STAGES }) to!: string;
  @ApiProperty({ enum: ['pending', 'approved', 'rejected', 'cancelled'] }) status!: string;
  @ApiProperty({ nullable: true, type: String, enum: APPROVAL_LEVELS }) currentLevel!: string | null;
  @ApiProperty({ type: [ApprovalStepView] }) steps!: ApprovalStepView[];
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: 'intent_change: the intent to record once approved; stage: null',
  })
  payload!: unknown;
  @ApiProperty({ nullable: true, type: String }) comment!: string | null;
  @ApiProperty() requestedBy!: string;
  @ApiProperty() requestedAt!: string;
  @ApiProperty({ nullable: true, type: String }) decidedAt!: string | null;
}

/** 202: the request was opened and waits for its approvers. */
export class ApprovalRequestedDto {
  @ApiProperty({ type: ApprovalView }) approval!: ApprovalView;
}
