import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PageQueryDto } from '../../../common/http/pagination';
import { IsOneOf } from '../../../common/http/validation';
import { APPROVAL_LEVEL_LABELS, APPROVAL_LEVELS } from '../approval-levels';
import { APPROVAL_STATUS_LABELS, DECISION_LABELS } from '../entities/approval.entity';
import { STAGES } from '../../households/household-stages';

/** A status, or every decided one at once (the inbox's history). */
const APPROVAL_QUERY_STATUS_LABELS = { ...APPROVAL_STATUS_LABELS, decided: '已处理（通过、驳回或撤销）' };
const WAITING_FOR_LABELS = { me: '待我审批', anyone: '全部在审（任一层级）' };
const APPROVAL_SORT_LABELS = {
  requestedAt: '按申请时间（先到先审）',
  '-decidedAt': '按处理时间（最新在前）',
};

export class DecisionDto {
  @ApiProperty({ enum: ['approve', 'reject'] })
  @IsOneOf(DECISION_LABELS)
  decision!: 'approve' | 'reject';
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(1000) comment?: string;
}

export class ApprovalQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    enum: ['pending', 'approved', 'rejected', 'cancelled', 'decided'],
    description: 'decided: approved, rejected or cancelled',
  })
  @IsOptional()
  @IsOneOf(APPROVAL_QUERY_STATUS_LABELS)
  status?: string;

  @ApiPropertyOptional({
    enum: ['requestedAt', '-decidedAt'],
    default: 'requestedAt',
    description: 'oldest request first (a queue), or latest decision first (a history)',
  })
  @IsOptional()
  @IsOneOf(APPROVAL_SORT_LABELS)
  sort?: string;

  @ApiPropertyOptional({ enum: APPROVAL_LEVELS })
  @IsOptional()
  @IsOneOf(APPROVAL_LEVEL_LABELS)
  level?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() householdId?: string;

  @ApiPropertyOptional({
    enum: ['me', 'anyone'],
    default: 'me',
    description:
      "with status=pending: `me`, those waiting at the caller's own level; `anyone`, every pending request the " +
      "caller may see, at any level (the dashboard's 待审批)",
  })
  @IsOptional()
  @IsOneOf(WAITING_FOR_LABELS)
  waitingFor?: string;
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
