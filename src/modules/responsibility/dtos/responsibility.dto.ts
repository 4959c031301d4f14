import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { IsOneOf } from '../../../common/http/validation';
import {
  CHAIN_ROLES,
  RESPONSIBILITY_SCOPES,
  RESPONSIBLE_ROLE_LABELS,
  RESPONSIBLE_ROLES,
} from '../responsibility-roles';

/** Who takes a role at a scope: `holderId` null clears it (a household then inherits again). */
export class SetResponsibleDto {
  @ApiProperty({ enum: RESPONSIBLE_ROLES }) @IsOneOf(RESPONSIBLE_ROLE_LABELS) role!: string;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'an active user (leaders) or an org unit of kind unit (backing unit); null clears',
  })
  @ValidateIf((_, value) => value !== null)
  @IsUUID()
  holderId!: string | null;
  @ApiPropertyOptional({ maxLength: 200, description: 'why (交接原因), kept with the handover' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  reason?: string;
}

/** Per-household overrides, all or nothing: the households of a selection, or every household of a village. */
export class SetHouseholdResponsiblesDto extends SetResponsibleDto {
  @ApiPropertyOptional({ type: [String], description: 'a selection of households (or villageId)' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @ArrayMaxSize(5000)
  @IsUUID('all', { each: true })
  householdIds?: string[];
  @ApiPropertyOptional({ description: 'every household of this village (or householdIds)' })
  @IsOptional()
  @IsUUID()
  villageId?: string;
}

export class LevelQueryDto {
  @ApiPropertyOptional({ enum: ['village', 'task_force'] })
  @IsOptional()
  @IsIn(['village', 'task_force'], { message: '取值无效，可选：village（村）、task_force（专班）' })
  scopeType?: 'village' | 'task_force';
}

export class HolderView {
  @ApiProperty({ enum: ['user', 'unit'] }) type!: 'user' | 'unit';
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
}

export class ResponsibleView {
  @ApiProperty({ enum: ['cadre', ...RESPONSIBLE_ROLES] }) role!: string;
  @ApiProperty({ example: '包村领导' }) label!: string;
  @ApiProperty({ type: HolderView, nullable: true, description: 'null: nobody holds it' })
  holder!: HolderView | null;
  @ApiProperty({
    nullable: true,
    type: String,
    enum: ['assignment', ...RESPONSIBILITY_SCOPES],
    description: 'assignment (the cadre), household (an override), village or task_force (inherited)',
  })
  source!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'since when this scope has this holder' })
  since!: string | null;
}

export class HandoverView {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: RESPONSIBLE_ROLES }) role!: string;
  @ApiProperty() roleLabel!: string;
  @ApiProperty({ enum: RESPONSIBILITY_SCOPES }) scopeType!: string;
  @ApiProperty() scopeId!: string;
  @ApiProperty({ type: HolderView, nullable: true }) from!: HolderView | null;
  @ApiProperty({ type: HolderView, nullable: true }) to!: HolderView | null;
  @ApiProperty({ nullable: true, type: String }) by!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'who made the change (display name)' })
  byName!: string | null;
  @ApiProperty() at!: string;
  @ApiProperty({ nullable: true, type: String }) reason!: string | null;
}

export class HouseholdResponsiblesView {
  @ApiProperty() householdId!: string;
  @ApiProperty({
    type: [ResponsibleView],
    description: `the chain first (${CHAIN_ROLES.join(' → ')}), then the backing unit`,
  })
  roles!: ResponsibleView[];
  @ApiProperty({
    type: [HandoverView],
    description: 'newest first: the household’s, its village’s and task force’s',
  })
  history!: HandoverView[];
}

export class LevelResponsibleView {
  @ApiProperty({ enum: ['village', 'task_force'] }) scopeType!: string;
  @ApiProperty() scopeId!: string;
  @ApiProperty() scopeName!: string;
  @ApiProperty({ enum: RESPONSIBLE_ROLES }) role!: string;
  @ApiProperty() label!: string;
  @ApiProperty({ type: HolderView }) holder!: HolderView;
  @ApiProperty() since!: string;
}

export class SetResponsibleResultDto {
  @ApiProperty({ description: 'scopes whose holder changed (handovers written)' }) changed!: number;
  @ApiProperty({ description: 'households whose holder of the role is now another' })
  householdsAffected!: number;
}
