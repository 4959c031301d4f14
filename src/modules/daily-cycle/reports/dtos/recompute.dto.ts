import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';

export class RecomputeQueryDto {
  @ApiPropertyOptional({
    description:
      'recompute the day from the events at the instant the stored report was made (the end of the day if none) ' +
      'and compare: `recompute.differences` must be empty (command centre only)',
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  recompute?: boolean;
}
