import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { ORG_UNIT_KIND_LABELS, ORG_UNIT_KINDS, OrgUnitKind } from '../org-unit-kinds';
import { IsOneOf, NotBlank } from '../../../common/http/validation';

export class CreateOrgUnitDto {
  @ApiProperty({ example: '大兴寨村' }) @IsString() @NotBlank() @MaxLength(100) name!: string;
  @ApiProperty({ enum: ORG_UNIT_KINDS }) @IsOneOf(ORG_UNIT_KIND_LABELS) kind!: OrgUnitKind;
  @ApiPropertyOptional() @IsOptional() @IsUUID() parentId?: string;
  @ApiPropertyOptional({ example: '433101100', description: 'GB/T 2260 code where one exists' })
  @IsOptional()
  @IsString()
  @Matches(/^[0-9A-Za-z-]{1,30}$/, { message: '编码只能包含字母、数字和短横线' })
  code?: string;
}

export class OrgUnitResponseDto {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ORG_UNIT_KINDS }) kind!: OrgUnitKind;
  @ApiProperty({ nullable: true, type: String }) parentId!: string | null;
  @ApiProperty({ nullable: true, type: String }) code!: string | null;
}
