import { ApiProperty } from '@nestjs/swagger';
import type { ChainLink, OverdueItem } from '../supervision.service';

/** OpenAPI shapes of GET /supervision/overdue. */
export class OverdueOwnerDto {
  @ApiProperty({ enum: ['user', 'unit', 'level'] }) type!: 'user' | 'unit' | 'level';
  @ApiProperty({ nullable: true, type: String, description: 'null for the command centre' }) id!:
    string | null;
  @ApiProperty() name!: string;
}

export class ChainLinkDto implements ChainLink {
  @ApiProperty({ enum: ['cadre', 'village_leader', 'task_force_leader'] }) role!: ChainLink['role'];
  @ApiProperty({ example: '包村领导' }) label!: string;
  @ApiProperty({ nullable: true, type: String, description: 'null: nobody holds this link' }) userId!:
    string | null;
  @ApiProperty({ nullable: true, type: String }) name!: string | null;
}

export class OverdueItemDto implements OverdueItem {
  @ApiProperty({ enum: ['overdue_visit', 'stalled', 'overdue_problem', 'aging_approval'] })
  kind!: OverdueItem['kind'];
  @ApiProperty({ enum: ['household', 'problem', 'approval'] }) targetType!: OverdueItem['targetType'];
  @ApiProperty() targetId!: string;
  @ApiProperty({ nullable: true, type: String }) householdId!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'the household code, where there is one' })
  code!: string | null;
  @ApiProperty({ description: 'in Chinese' }) reason!: string;
  @ApiProperty({ description: 'since when (ISO 8601)' }) since!: string;
  @ApiProperty() days!: number;
  @ApiProperty({ type: OverdueOwnerDto }) owner!: OverdueOwnerDto;
  @ApiProperty({
    type: [ChainLinkDto],
    description:
      'the household’s chain, cadre → village leader → task-force leader (empty without a household)',
  })
  chain!: ChainLinkDto[];
}

export class OverdueCountsDto {
  @ApiProperty() visits!: number;
  @ApiProperty() stalled!: number;
  @ApiProperty() problems!: number;
  @ApiProperty() approvals!: number;
}

export class OverdueListsDto {
  @ApiProperty() generatedAt!: string;
  @ApiProperty({ type: OverdueCountsDto, description: 'complete, whatever the limit' })
  counts!: OverdueCountsDto;
  @ApiProperty({ type: [OverdueItemDto] }) overdueVisits!: OverdueItemDto[];
  @ApiProperty({ type: [OverdueItemDto] }) stalledHouseholds!: OverdueItemDto[];
  @ApiProperty({ type: [OverdueItemDto] }) overdueProblems!: OverdueItemDto[];
  @ApiProperty({ type: [OverdueItemDto] }) agingApprovals!: OverdueItemDto[];
}
