import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import { PageQueryDto } from '../../../common/http/pagination';
import { NOTIFY_EVENTS } from '../../../jobs/job-catalogue';

export class NotificationQueryDto extends PageQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  unread?: boolean;
}

/** The record a notification is about, for a link; a visit's concerns point at its household. */
export class NotificationTargetDto {
  @ApiProperty({ enum: ['approval', 'problem', 'household', 'dispatch'] }) type!: string;
  @ApiProperty({ description: 'the approval, problem or household id; for dispatch the cycle date' })
  id!: string;
}

export class NotificationView {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: [...NOTIFY_EVENTS, 'dispatch'] }) kind!: string;
  @ApiProperty() title!: string;
  @ApiProperty() body!: string;
  @ApiProperty({ nullable: true, type: String }) taskId!: string | null;
  @ApiProperty({ nullable: true, type: NotificationTargetDto }) target!: NotificationTargetDto | null;
  @ApiProperty() createdAt!: string;
  @ApiProperty({ nullable: true, type: String }) readAt!: string | null;
}

export class MarkReadResultDto {
  @ApiProperty({ description: 'notifications newly marked read' }) marked!: number;
}
