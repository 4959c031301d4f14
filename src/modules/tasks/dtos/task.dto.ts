import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PageQueryDto } from '../../../common/http/pagination';
import { IsCalendarDate } from '../../../common/pii/validators';

export class TaskQueryDto extends PageQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsUUID() assigneeId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() unitId?: string;
  @ApiPropertyOptional({ enum: ['open', 'done', 'cancelled'] })
  @IsOptional()
  @IsIn(['open', 'done', 'cancelled'])
  status?: string;
  @ApiPropertyOptional({ description: 'cycle date YYYY-MM-DD' })
  @IsOptional()
  @IsCalendarDate()
  date?: string;
}

export class CompleteTaskDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(1000) note?: string;
}

export class NotificationQueryDto extends PageQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  unread?: boolean;
}

export class TaskView {
  @ApiProperty() id!: string;
  @ApiProperty() cycleDate!: string;
  @ApiProperty({ enum: ['overdue_visit', 'overdue_problem', 'pending_approval'] }) kind!: string;
  @ApiProperty({ enum: ['household', 'problem', 'approval'] }) targetType!: string;
  @ApiProperty() targetId!: string;
  @ApiProperty({ nullable: true, type: String }) householdId!: string | null;
  @ApiProperty() assignee!: { userId: string | null; unitId: string | null; level: string | null };
  @ApiProperty() instruction!: string;
  @ApiProperty() dueDate!: string;
  @ApiProperty({ enum: ['open', 'done', 'cancelled'] }) status!: string;
  @ApiProperty({ description: 'open and past its due date (carried over from an earlier day)' })
  overdue!: boolean;
  @ApiProperty({ nullable: true, type: String }) note!: string | null;
  @ApiProperty() createdAt!: string;
  @ApiProperty({ nullable: true, type: String }) completedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) completedBy!: string | null;
}
