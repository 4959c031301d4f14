import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PageQueryDto } from '../../../common/http/pagination';
import { APPROVAL_LEVELS } from '../../stages/stage-machine';
import { STAGES } from '../../stages/stages';

export class DecisionDto {
  @ApiProperty({ enum: ['approve', 'reject'] }) @IsIn(['approve', 'reject']) decision!: 'approve' | 'reject';
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(1000) comment?: string;
}

export class ApprovalQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    enum: ['pending', 'approved', 'rejected', 'cancelled', 'decided'],
    description: 'decided: approved, rejected or cancelled',
  })
  @IsOptional()
  @IsIn(['pending', 'approved', 'rejected', 'cancelled', 'decided'])
  status?: string;

  @ApiPropertyOptional({
    enum: ['requestedAt', '-decidedAt'],
    default: 'requestedAt',
    description: 'oldest request first (a queue), or latest decision first (a history)',
  })
  @IsOptional()
  @IsIn(['requestedAt', '-decidedAt'])
  sort?: string;

  @ApiPropertyOptional({ enum: APPROVAL_LEVELS }) @IsOptional() @IsIn(APPROVAL_LEVELS) level?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() householdId?: string;
}

export class ApprovalStepView {
  @ApiProperty({ enum: APPROVAL_LEVELS }) level!: string;
  @ApiProperty({ enum: ['waiting', 'pending', 'approved', 'rejected', 'cancelled'] }) status!: string;
  @ApiProperty({ nullable: true, type: String }) decidedBy!: string | null;
  @ApiProperty({ nullable: true, type: String, description: "the decider's display name" })
  decidedByName!: string | null;
  @ApiProperty({ nullable: true, type: String }) decidedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) comment!: string | null;
}

export class ApprovalView {
  @ApiProperty() id!: string;
  @ApiProperty() householdId!: string;
  @ApiProperty({ example: 'AZ-DXZ-0001' }) householdCode!: string;
  @ApiProperty({ description: "the household head's name" }) headName!: string;
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
  @ApiProperty({ nullable: true, type: String, description: "the requester's display name" })
  requesterName!: string | null;
  @ApiProperty() requestedAt!: string;
  @ApiProperty({ nullable: true, type: String }) decidedAt!: string | null;
}

/** 202: the request was opened and waits for its approvers. */
export class ApprovalRequestedDto {
  @ApiProperty({ type: ApprovalView }) approval!: ApprovalView;
}
