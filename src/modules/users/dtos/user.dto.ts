import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { Type } from 'class-transformer';
import { PageQueryDto } from '../../../common/http/pagination';
import { IsOneOf, NotBlank, OptionalNotNull } from '../../../common/http/validation';
import { IsMobilePhone } from '../../../common/pii/validators';
import { Role, ROLE_LABELS, ROLES } from '../../../common/policy/role';

export class CreateUserDto {
  @ApiProperty({ example: 'cadre01' })
  @IsString()
  @Matches(/^[A-Za-z0-9_.-]{3,64}$/, { message: '用户名为3-64位字母、数字、下划线、点或短横线' })
  username!: string;

  @ApiProperty({ minLength: 8 }) @IsString() @MinLength(8) @MaxLength(128) password!: string;
  @ApiProperty({ example: '张三' }) @IsString() @NotBlank() @MaxLength(100) displayName!: string;
  @ApiProperty({ enum: ROLES }) @IsOneOf(ROLE_LABELS) role!: Role;
  @ApiPropertyOptional() @IsOptional() @IsUUID() orgUnitId?: string;
  @ApiPropertyOptional({ example: '13812345678' }) @IsOptional() @IsMobilePhone() phone?: string;
}

export class UpdateUserDto {
  @ApiProperty({ description: 'the version you read' }) @Type(() => Number) @IsInt() @Min(1) version!: number;
  @ApiPropertyOptional() @OptionalNotNull() @IsString() @NotBlank() @MaxLength(100) displayName?: string;
  @ApiPropertyOptional({ enum: ROLES }) @OptionalNotNull() @IsOneOf(ROLE_LABELS) role?: Role;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'null clears it' })
  @IsOptional()
  @IsUUID()
  orgUnitId?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'null clears it' })
  @IsOptional()
  @IsMobilePhone()
  phone?: string | null;
  @ApiPropertyOptional({ minLength: 8 })
  @OptionalNotNull()
  @IsString()
  @MinLength(8)
  @MaxLength(128)
  password?: string;
  @ApiPropertyOptional() @OptionalNotNull() @IsBoolean() active?: boolean;
}

export class ListUsersQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ROLES }) @IsOptional() @IsOneOf(ROLE_LABELS) role?: Role;
  @ApiPropertyOptional() @IsOptional() @IsUUID() orgUnitId?: string;
}

export class UserResponseDto {
  @ApiProperty() id!: string;
  @ApiProperty() username!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ enum: ROLES }) role!: Role;
  @ApiProperty({ nullable: true, type: String }) orgUnitId!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'masked' }) phone!: string | null;
  @ApiProperty() active!: boolean;
  @ApiProperty() version!: number;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
}
