import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PageQueryDto } from '../../../../common/http/pagination';
import { IsOneOf } from '../../../../common/http/validation';
import { IsCalendarDate } from '../../../../common/pii/validators';
import { APPROVAL_LEVELS } from '../../../approvals/approval-levels';
import { TASK_STATUS_LABELS } from '../entities/task.entity';

export class TaskQueryDto extends PageQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsUUID() assigneeId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() unitId?: string;
  @ApiPropertyOptional({ enum: ['open', 'done', 'cancelled'] })
  @IsOptional()
  @IsOneOf(TASK_STATUS_LABELS)
  status?: string;
  @ApiPropertyOptional({ description: 'cycle date YYYY-MM-DD' })
  @IsOptional()
  @IsCalendarDate()
  date?: string;
}

export class CompleteTaskDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(1000) note?: string;
}

export class TaskAssigneeDto {
  @ApiProperty({ nullable: true, type: String, description: 'a cadre' }) userId!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'a unit or township' }) unitId!: string | null;
  @ApiProperty({ nullable: true, type: String, enum: APPROVAL_LEVELS, description: 'an approval level' })
  level!: string | null;
}

export class TaskEscalationDto {
  @ApiProperty({
    description: '0: its assignee only; 1: raised to the village leader; 2: to the task-force leader',
  })
  level!: number;
  @ApiProperty({ nullable: true, type: String }) at!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'the person it was last raised to' }) to!:
    string | null;
}

export class TaskChainLinkDto {
  @ApiProperty({ enum: ['cadre', 'village_leader', 'task_force_leader'] }) role!: string;
  @ApiProperty() label!: string;
  @ApiProperty({ nullable: true, type: String }) userId!: string | null;
  @ApiProperty({ nullable: true, type: String }) name!: string | null;
}

export class TaskView {
  @ApiProperty() id!: string;
  @ApiProperty() cycleDate!: string;
  @ApiProperty({ enum: ['overdue_visit', 'overdue_problem', 'pending_approval'] }) kind!: string;
  @ApiProperty({ enum: ['household', 'problem', 'approval'] }) targetType!: string;
  @ApiProperty() targetId!: string;
  @ApiProperty({ nullable: true, type: String }) householdId!: string | null;
  @ApiProperty({ type: TaskAssigneeDto }) assignee!: TaskAssigneeDto;
  @ApiProperty() instruction!: string;
  @ApiProperty() dueDate!: string;
  @ApiProperty({ enum: ['open', 'done', 'cancelled'] }) status!: string;
  @ApiProperty({ description: 'open and past its due date (carried over from an earlier day)' })
  overdue!: boolean;
  @ApiProperty({ nullable: true, type: String }) note!: string | null;
  @ApiProperty() createdAt!: string;
  @ApiProperty({ nullable: true, type: String }) completedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) completedBy!: string | null;
  @ApiProperty({ type: TaskEscalationDto }) escalation!: TaskEscalationDto;
  @ApiPropertyOptional({
    type: [TaskChainLinkDto],
    description: 'in the dispatch sheet: the household’s chain, cadre → village leader → task-force leader',
  })
  chain?: TaskChainLinkDto[];
}

export class DispatchAssigneeDto extends TaskAssigneeDto {
  @ApiProperty({ description: 'the cadre, the unit, or 指挥部' }) name!: string;
}

export class DispatchGroupDto {
  @ApiProperty({ type: DispatchAssigneeDto }) assignee!: DispatchAssigneeDto;
  @ApiProperty({ type: [TaskView], description: 'issued for the date' }) tasks!: TaskView[];
  @ApiProperty({ description: 'earlier tasks still open' }) carriedOver!: number;
  @ApiProperty({ description: 'of which due by the date' }) carriedOverdue!: number;
}

/** 调度单: the tasks a cycle date issued, grouped by assignee. */
export class DispatchSheetDto {
  @ApiProperty({ example: '2026-11-28' }) date!: string;
  @ApiProperty() issued!: number;
  @ApiProperty() carriedOver!: number;
  @ApiProperty({ type: [DispatchGroupDto] }) assignees!: DispatchGroupDto[];
}
