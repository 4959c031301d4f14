import { ApiProperty } from '@nestjs/swagger';
import type { TimelineEvent } from '../timeline.service';

/** OpenAPI shapes of GET /households/:id/timeline. */
export class TimelineActorDto {
  @ApiProperty({ nullable: true, type: String, description: 'null for the system (jobs, imports)' })
  id!: string | null;
  @ApiProperty({ nullable: true, type: String }) role!: string | null;
  @ApiProperty({ nullable: true, type: String }) displayName!: string | null;
}

export class TimelineEventDto implements TimelineEvent {
  @ApiProperty() at!: string;
  @ApiProperty({
    example: 'visit',
    description:
      'created, edited, imported, assignment, handover, visit, intent, stage, approval, hold, problem; else the action',
  })
  type!: string;
  @ApiProperty({ example: 'stage_move', description: 'the audit action' }) action!: string;
  @ApiProperty({ example: 'household' }) entityType!: string;
  @ApiProperty() entityId!: string;
  @ApiProperty({ type: TimelineActorDto }) actor!: TimelineActorDto;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'what changed, as the audit log recorded it (personal data only as "changed")',
  })
  changes!: Record<string, unknown>;
}
