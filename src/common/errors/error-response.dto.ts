import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** OpenAPI shape of one field's refusal in an error answer. */
export class ErrorDetailDto {
  @ApiProperty({ example: 'headIdNumber' }) field!: string;
  @ApiProperty({ example: '身份证号校验位不正确' }) message!: string;
}

/** OpenAPI shape of every error answer (HttpExceptionFilter writes it; docs/architecture.md, "HTTP conventions"). */
export class ErrorResponseDto {
  @ApiProperty({ example: 400 }) statusCode!: number;
  @ApiProperty({ example: 'VALIDATION_FAILED', description: 'stable English code; clients branch on it' })
  code!: string;
  @ApiProperty({ example: '请求参数有误', description: 'Chinese, for people' }) message!: string;
  @ApiPropertyOptional({ type: [ErrorDetailDto] }) details?: ErrorDetailDto[];
  @ApiProperty({ type: String, nullable: true, description: 'the X-Request-Id of the request' })
  requestId!: string | null;
}
