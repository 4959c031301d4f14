import { ApiProperty } from '@nestjs/swagger';
import type { CycleStepView } from '../cycle.service';

const RUN_STATUSES = ['pending', 'queued', 'running', 'done', 'skipped', 'failed'];

/** OpenAPI shapes of the daily cycle's answers. */
export class CycleStepDto implements CycleStepView {
  @ApiProperty({ enum: ['cycle', 'report', 'review', 'dispatch'] }) name!: string;
  @ApiProperty({ enum: RUN_STATUSES, description: 'pending: not run yet' }) status!: string;
  @ApiProperty() attempts!: number;
  @ApiProperty({ nullable: true, type: String }) startedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) finishedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) error!: string | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: 'what the step did (its handler’s result); null before it ran',
  })
  detail!: unknown;
}

export class CycleRunDto {
  @ApiProperty({ example: '2026-11-28' }) date!: string;
  @ApiProperty({ type: [CycleStepDto], description: 'report, review, dispatch' }) jobs!: CycleStepDto[];
}

export class CycleStatusDto extends CycleRunDto {
  @ApiProperty({ type: CycleStepDto, nullable: true, description: 'the chain as a whole; null if never run' })
  cycle!: CycleStepDto | null;
}
