import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { AuditCheckpoint } from '../audit-checkpoint-key';
import type { VerifyResult } from '../audit-verifier.service';

/** OpenAPI shapes of the audit log and its verification. */
export class AuditEntryDto {
  @ApiProperty() id!: number;
  @ApiProperty() at!: string;
  @ApiProperty({ nullable: true, type: String, description: 'null for the system' }) actorId!: string | null;
  @ApiProperty({ nullable: true, type: String }) actorRole!: string | null;
  @ApiProperty({ example: 'update' }) action!: string;
  @ApiProperty({ example: 'household' }) entityType!: string;
  @ApiProperty() entityId!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'before/after of what changed' })
  changes!: Record<string, unknown>;
  @ApiProperty({ nullable: true, type: String }) requestId!: string | null;
  @ApiProperty({ nullable: true, type: Number, description: 'position in the chain; null until sealed' })
  sealIndex!: number | null;
  @ApiProperty({ nullable: true, type: String, description: 'SHA-256, hex; null until sealed' })
  hash!: string | null;
  @ApiProperty({ nullable: true, type: String }) prevHash!: string | null;
}

export class AuditCheckpointDto implements AuditCheckpoint {
  @ApiProperty({ description: 'entries in the chain when it was taken' }) entries!: number;
  @ApiProperty({ description: "the chain's head hash then" }) head!: string;
  @ApiProperty({ description: 'HMAC of entries and head under AUDIT_KEY' }) mac!: string;
}

export class AuditBreakDto {
  @ApiProperty({ nullable: true, type: Number, description: 'null when the entry is missing altogether' })
  id!: number | null;
  @ApiProperty() sealIndex!: number;
  @ApiProperty() reason!: string;
}

export class AuditVerifyResultDto implements VerifyResult {
  @ApiProperty() ok!: boolean;
  @ApiProperty({ description: 'entries that verified' }) entries!: number;
  @ApiPropertyOptional({
    type: AuditCheckpointDto,
    nullable: true,
    description: 'the newest checkpoint the chain was held against',
  })
  checkpoint?: AuditCheckpointDto | null;
  @ApiPropertyOptional({
    type: AuditBreakDto,
    description: 'the first entry or checkpoint that does not hold',
  })
  brokenAt?: AuditBreakDto;
}
