import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import { LedgerRowError } from '../ledger-issues';
import { LedgerNote } from '../ledger-notes';

const toBoolean = ({ value }: { value: unknown }) =>
  value === 'true' || value === true ? true : value === 'false' || value === false ? false : value;

export class ImportQueryDto {
  @ApiPropertyOptional({ description: 'check every row and report, write nothing' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  dryRun?: boolean;
}

export class ImportFileDto {
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'SHA-256 of the uploaded bytes (also in the audit log)' }) sha256!: string;
  @ApiProperty({ enum: ['xlsx', 'csv'] }) format!: 'xlsx' | 'csv';
  @ApiProperty({ nullable: true, type: String, description: 'the detected text encoding of a CSV' })
  encoding!: string | null;
}

export class ImportResultDto {
  @ApiProperty() dryRun!: boolean;
  @ApiProperty({ type: ImportFileDto }) file!: ImportFileDto;
  @ApiProperty({ description: 'household rows in 户籍台账' }) households!: number;
  @ApiProperty() created!: number;
  @ApiProperty() updated!: number;
  @ApiProperty({ description: 'rows identical to what is stored: nothing written' }) unchanged!: number;
  @ApiProperty({ description: 'households not imported (their rows are in errors)' }) failed!: number;
  @ApiProperty({ type: [LedgerRowError] }) errors!: LedgerRowError[];
  @ApiProperty({
    type: [LedgerNote],
    description:
      'what was read in a way to know about: merged cells, total lines skipped, unknown columns, …',
  })
  notes!: LedgerNote[];
}
