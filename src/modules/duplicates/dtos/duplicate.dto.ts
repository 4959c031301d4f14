import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsString, IsUUID, MaxLength, Min } from 'class-validator';
import { PageQueryDto } from '../../../common/http/pagination';
import { IsOneOf } from '../../../common/http/validation';
import { keysOf } from '../../households/household.enums';
import { DUPLICATE_REASONS, DUPLICATE_STATUSES } from '../duplicate-labels';

const toBoolean = ({ value }: { value: unknown }) =>
  value === 'true' || value === true ? true : value === 'false' || value === false ? false : value;

const DECISION_LABELS = {
  same_person: DUPLICATE_STATUSES.same_person,
  different_people: DUPLICATE_STATUSES.different_people,
};

export class DuplicateQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: keysOf(DUPLICATE_STATUSES) })
  @IsOptional()
  @IsOneOf(DUPLICATE_STATUSES)
  status?: string;
  @ApiPropertyOptional({ enum: keysOf(DUPLICATE_REASONS) })
  @IsOptional()
  @IsOneOf(DUPLICATE_REASONS)
  reason?: string;
  @ApiPropertyOptional({ description: 'pairs with a person of this household' })
  @IsOptional()
  @IsUUID()
  householdId?: string;
}

export class DuplicateGetQueryDto {
  @ApiPropertyOptional({ description: 'full resident IDs and phones (audited; admin, commander)' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  reveal?: boolean;
}

export class DuplicateDecisionDto {
  @ApiProperty({
    enum: keysOf(DECISION_LABELS),
    description:
      "same_person: the entry in the other household is removed (merged into keepHouseholdId's); " +
      'different_people: the pair is never flagged again',
  })
  @IsOneOf(DECISION_LABELS)
  decision!: 'same_person' | 'different_people';
  @ApiProperty({ example: 1, description: 'the version read' }) @IsInt() @Min(1) version!: number;
  @ApiPropertyOptional({
    description: 'same_person only: the household whose entry is kept (one of the two)',
  })
  @IsOptional()
  @IsUUID()
  keepHouseholdId?: string;
  @ApiPropertyOptional({ example: '经核实为同一人，已在户籍系统迁出' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  note?: string;
}

export class DuplicatePersonView {
  @ApiProperty() householdId!: string;
  @ApiProperty({ example: 'AZ-DXZ-0001' }) householdCode!: string;
  @ApiProperty({ description: "the household's head" }) householdHeadName!: string;
  @ApiProperty({ nullable: true, type: String }) villageId!: string | null;
  @ApiProperty() name!: string;
  @ApiProperty({ example: '1980-03-15' }) birthDate!: string;
  @ApiProperty({ description: 'relation to the head (RELATIONS)' }) relation!: string;
  @ApiProperty({ nullable: true, type: String, description: 'masked unless revealed; null once merged away' })
  idNumber!: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    description: "the household's phone, heads only; masked unless revealed",
  })
  phone!: string | null;
  @ApiProperty({ description: 'false: the entry is no longer in the household (merged away, or edited out)' })
  present!: boolean;
}

export class DuplicateDeciderView {
  @ApiProperty() id!: string;
  @ApiProperty() displayName!: string;
}

export class DuplicateDecisionView {
  @ApiProperty({ type: DuplicateDeciderView, nullable: true }) decidedBy!: DuplicateDeciderView | null;
  @ApiProperty() decidedAt!: string;
  @ApiProperty({ nullable: true, type: String }) note!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'same_person: whose entry was kept' })
  keptHouseholdId!: string | null;
}

export class DuplicatePairView {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: keysOf(DUPLICATE_STATUSES) }) status!: string;
  @ApiProperty({ enum: keysOf(DUPLICATE_REASONS), isArray: true, description: 'the evidence' })
  reasons!: string[];
  @ApiProperty({ type: DuplicatePersonView }) a!: DuplicatePersonView;
  @ApiProperty({ type: DuplicatePersonView }) b!: DuplicatePersonView;
  @ApiProperty({ type: DuplicateDecisionView, nullable: true }) decision!: DuplicateDecisionView | null;
  @ApiProperty() detectedAt!: string;
  @ApiProperty() updatedAt!: string;
  @ApiProperty() version!: number;
}

export class DuplicateScanView {
  @ApiProperty({ description: 'households compared' }) households!: number;
  @ApiProperty({ description: 'pairs flagged for the first time' }) flagged!: number;
  @ApiProperty() reopened!: number;
  @ApiProperty({ description: 'open pairs whose evidence is gone' }) cleared!: number;
}
