import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { IsCalendarDate } from '../../../common/pii/validators';
import { STAGES } from '../../households/household-stages';

export class SetMoveDateDto {
  @ApiProperty({ example: '2027-03-31', description: 'the move date (搬迁节点), YYYY-MM-DD, today or later' })
  @IsCalendarDate()
  date!: string;
  @ApiProperty({ example: '安置点交房时间确定，按指挥部会议纪要调整' })
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  reason!: string;
  @ApiPropertyOptional({ description: "the plan's version you read (a changed plan is then 409)" })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class VillagePlanView {
  @ApiProperty() villageId!: string;
  @ApiProperty({ example: '2027-03-31' }) moveDate!: string;
  @ApiProperty() reason!: string;
  @ApiProperty() version!: number;
  @ApiProperty() updatedAt!: string;
  @ApiProperty() updatedBy!: string;
  @ApiProperty({ description: 'households of the village whose light was recomputed with the new plan' })
  replanned!: number;
}

export class StageLeadView {
  @ApiProperty({ enum: STAGES }) stage!: string;
  @ApiProperty() label!: string;
  @ApiProperty({ description: 'reached at least this many days before the move date' }) days!: number;
}

export class PlannedStageView {
  @ApiProperty({ enum: STAGES }) stage!: string;
  @ApiProperty() label!: string;
  @ApiProperty({ example: '2027-03-01' }) plannedDate!: string;
  @ApiProperty({ description: 'its planned date has passed and the household has not reached it' })
  behind!: boolean;
}

export class PaceView {
  @ApiProperty({ nullable: true, type: String, description: 'the business date it was measured on' })
  measuredOn!: string | null;
  @ApiProperty({ example: 14 }) windowDays!: number;
  @ApiProperty({ description: 'net stage steps towards the target in the window' }) steps!: number;
  @ApiProperty({ description: "households not yet at the plan's target" }) openHouseholds!: number;
  @ApiProperty({ description: 'steps a day (steps / windowDays)' }) perDay!: number;
}

export class PlanBatchRefView {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ example: '2027-03-31' }) moveDate!: string;
}

export class HouseholdPlanView {
  @ApiProperty() householdId!: string;
  @ApiProperty() villageId!: string;
  @ApiProperty({ enum: STAGES }) stage!: string;
  @ApiProperty({
    nullable: true,
    type: String,
    description: "the move date that applies: its batch's, else its village's; null: no plan",
  })
  moveDate!: string | null;
  @ApiProperty({ nullable: true, type: String }) villageMoveDate!: string | null;
  @ApiProperty({ type: PlanBatchRefView, nullable: true, description: 'the batch it is in, if any' })
  batch!: PlanBatchRefView | null;
  @ApiProperty({ enum: STAGES, description: "the plan's last stage" }) target!: string;
  @ApiProperty({ description: 'stage steps still to go to the target' }) remainingSteps!: number;
  @ApiProperty({ nullable: true, type: Number, description: 'days from today to the move date' })
  daysLeft!: number | null;
  @ApiProperty({ type: [PlannedStageView] }) stages!: PlannedStageView[];
  @ApiProperty() behindPlan!: boolean;
  @ApiProperty({ type: PaceView, nullable: true, description: "the village's pace the light uses" })
  pace!: PaceView | null;
  @ApiProperty({ nullable: true, type: Number, description: 'days the remaining steps take at that pace' })
  daysNeeded!: number | null;
  @ApiProperty() cannotMakeMoveDate!: boolean;
}

export class VillagePlanSummaryView {
  @ApiProperty() villageId!: string;
  @ApiProperty() villageName!: string;
  @ApiProperty({ nullable: true, type: String }) townshipId!: string | null;
  @ApiProperty({ nullable: true, type: String }) moveDate!: string | null;
  @ApiProperty({ nullable: true, type: Number, description: 'the plan version (send it back when changing)' })
  version!: number | null;
  @ApiProperty() households!: number;
  @ApiProperty({ description: "households not yet at the plan's target" }) openHouseholds!: number;
  @ApiProperty({ description: 'stage steps still to go, all households' }) remainingSteps!: number;
  @ApiProperty({ type: PaceView, description: 'measured now over the last 14 days' }) pace!: PaceView;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'today + ceil(remainingSteps × 14 / steps); null: no pace',
  })
  forecastDate!: string | null;
  @ApiProperty({ description: 'a move date is set and the forecast is after it (or there is no pace)' })
  forecastLate!: boolean;
  @ApiProperty({ description: 'households whose light says behind_plan or cannot_make_move_date' })
  atRisk!: number;
  @ApiProperty() behindPlan!: number;
  @ApiProperty() cannotMakeMoveDate!: number;
}

export class PlanningOverviewView {
  @ApiProperty({ example: '2026-12-01' }) today!: string;
  @ApiProperty({ type: [StageLeadView] }) leads!: StageLeadView[];
  @ApiProperty({ type: [VillagePlanSummaryView] }) villages!: VillagePlanSummaryView[];
}

export class AtRiskHouseholdView {
  @ApiProperty() id!: string;
  @ApiProperty() code!: string;
  @ApiProperty() headName!: string;
  @ApiProperty({ enum: STAGES }) stage!: string;
  @ApiProperty({ enum: ['green', 'yellow', 'red'] }) light!: string;
  @ApiProperty({ type: [String] }) lightReasons!: string[];
}

/** Households named by id or by 户编号 (one of the two): what a batch is made of, or loses. */
export class BatchHouseholdsDto {
  @ApiPropertyOptional({ type: [String], description: 'households (1 to 5,000), or householdCodes' })
  @ValidateIf((dto: BatchHouseholdsDto) => dto.householdCodes === undefined)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(5000)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  householdIds?: string[];
  @ApiPropertyOptional({
    type: [String],
    description: '户编号 instead of ids (1 to 5,000), as a ledger lists them',
  })
  @ValidateIf((dto: BatchHouseholdsDto) => dto.householdIds === undefined)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(5000)
  @ArrayUnique()
  @IsString({ each: true })
  @MaxLength(50, { each: true })
  householdCodes?: string[];
}

/** A batch: its households must be in no other batch. */
export class CreatePlanBatchDto extends BatchHouseholdsDto {
  @ApiProperty({ example: '坪滩村第一批（库区淹没线以下）' })
  @IsString()
  @MinLength(2)
  @MaxLength(100)
  name!: string;
  @ApiProperty({ example: '2027-03-31', description: "the batch's move date, YYYY-MM-DD, today or later" })
  @IsCalendarDate()
  moveDate!: string;
  @ApiProperty({ example: '淹没线以下先行搬迁' })
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  reason!: string;
}

/** Households taken out of a batch (each must be in it): they follow their villages' move dates again. */
export class RemoveBatchMembersDto extends BatchHouseholdsDto {
  @ApiProperty({ example: '户主申请随村整体搬迁' })
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  reason!: string;
}

export class PlanBatchView {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ example: '2027-03-31' }) moveDate!: string;
  @ApiProperty() reason!: string;
  @ApiProperty() households!: number;
  @ApiProperty({ type: [String], description: 'the villages its households are in' }) villageIds!: string[];
  @ApiProperty() version!: number;
  @ApiProperty() updatedAt!: string;
  @ApiProperty() updatedBy!: string;
  @ApiProperty({ description: 'households whose light was recomputed with the new plan (on a change)' })
  replanned!: number;
}
