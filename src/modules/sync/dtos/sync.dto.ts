import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { keysOf, HOUSEHOLD_FLAGS, INTENT_OPTIONS, LIGHTS } from '../../households/household.enums';
import { LIGHT_REASON_LABELS } from '../../households/lights';
import { PROBLEM_STATUSES } from '../../problems/problem-states';
import { STAGES } from '../../households/household-stages';

export class SyncPullQueryDto {
  @ApiPropertyOptional({
    description:
      'the cursor of the previous pull; absent, malformed, another user’s or older than 30 days → a reset (200, reset: true), never an error',
  })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  since?: string;
}

export class SyncIntentDto {
  @ApiProperty({ enum: keysOf(INTENT_OPTIONS) }) option!: string;
  @ApiProperty({ nullable: true, type: String }) site!: string | null;
  @ApiProperty({ nullable: true, type: String }) livelihood!: string | null;
  @ApiProperty({ nullable: true, type: String }) recordedAt!: string | null;
}

export class SyncProblemDto {
  @ApiProperty() id!: string;
  @ApiProperty() category!: string;
  @ApiProperty({ enum: ['p1', 'p2', 'p3'] }) severity!: string;
  @ApiProperty({ enum: PROBLEM_STATUSES.filter((s) => s !== 'closed') }) status!: string;
  @ApiProperty() description!: string;
  @ApiProperty() dueAt!: string;
}

/** One of the newest visits on a household card (not the upload item of POST /visits/sync, which is SyncVisitDto). */
export class SyncRecentVisitDto {
  @ApiProperty() id!: string;
  @ApiProperty() visitedAt!: string;
  @ApiProperty({ enum: ['in_person', 'phone', 'online'] }) method!: string;
  @ApiProperty() summary!: string;
  @ApiProperty({ nullable: true, type: String, enum: ['supportive', 'wavering', 'resistant'] })
  attitude!: string | null;
}

export class SyncHouseholdDto {
  @ApiProperty() id!: string;
  @ApiProperty() code!: string;
  @ApiProperty() headName!: string;
  @ApiProperty({ nullable: true, type: String, description: 'always masked (138****5678)' })
  phone!: string | null;
  @ApiProperty() villageId!: string;
  @ApiProperty() villageName!: string;
  @ApiProperty({ nullable: true, type: String }) group!: string | null;
  @ApiProperty({ nullable: true, type: String }) address!: string | null;
  @ApiProperty({ enum: STAGES }) stage!: string;
  @ApiProperty({
    type: SyncIntentDto,
    nullable: true,
    description: 'null while undecided and never recorded',
  })
  intent!: SyncIntentDto | null;
  @ApiProperty() onHold!: boolean;
  @ApiProperty({ nullable: true, type: String }) holdReason!: string | null;
  @ApiProperty({ enum: keysOf(LIGHTS) }) light!: string;
  @ApiProperty({ enum: keysOf(LIGHT_REASON_LABELS), isArray: true }) lightReasons!: string[];
  @ApiProperty({ enum: keysOf(HOUSEHOLD_FLAGS), isArray: true }) flags!: string[];
  @ApiProperty({ nullable: true, type: String }) lastVisitAt!: string | null;
  @ApiProperty({ description: 'send it back with PATCH and stage requests' }) version!: number;
  @ApiProperty() updatedAt!: string;
  @ApiProperty({ type: [SyncProblemDto], description: 'not closed yet, due first' })
  openProblems!: SyncProblemDto[];
  @ApiProperty({ type: [SyncRecentVisitDto], description: 'the newest 3' })
  recentVisits!: SyncRecentVisitDto[];
}

export class SyncTaskDto {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: ['overdue_visit', 'overdue_problem', 'pending_approval'] }) kind!: string;
  @ApiProperty({ enum: ['household', 'problem', 'approval'] }) targetType!: string;
  @ApiProperty() targetId!: string;
  @ApiProperty() instruction!: string;
  @ApiProperty({ nullable: true, type: String }) householdId!: string | null;
  @ApiProperty({ nullable: true, type: String }) householdCode!: string | null;
  @ApiProperty({ description: 'the cycle date that issued it (YYYY-MM-DD)' }) cycleDate!: string;
  @ApiProperty({ description: 'YYYY-MM-DD' }) dueDate!: string;
  @ApiProperty({ enum: ['open', 'done'] }) status!: string;
  @ApiProperty({ nullable: true, type: String }) note!: string | null;
  @ApiProperty() createdAt!: string;
  @ApiProperty({ nullable: true, type: String }) completedAt!: string | null;
}

export class SyncPullDto {
  @ApiProperty({ description: 'opaque; send it back as `since` next time' }) cursor!: string;
  @ApiProperty({ description: 'true: replace the whole copy (no or unusable `since`)' }) reset!: boolean;
  @ApiProperty({ example: '2026-12-06T03:00:00.000Z' }) serverTime!: string;
  @ApiProperty({
    type: [SyncHouseholdDto],
    description:
      "the caller's households changed since the cursor (visits, intent, stage, hold, light, problems, edits); all on reset",
  })
  households!: SyncHouseholdDto[];
  @ApiProperty({
    type: [String],
    description: 'left the caller since the cursor (reassigned, deleted); [] on reset',
  })
  removedHouseholdIds!: string[];
  @ApiProperty({
    type: [SyncTaskDto],
    description:
      "the caller's tasks changed since the cursor; on reset the open ones and those done in the last 7 days",
  })
  tasks!: SyncTaskDto[];
  @ApiProperty({ type: [String], description: 'cancelled or reassigned since the cursor; [] on reset' })
  removedTaskIds!: string[];
}
