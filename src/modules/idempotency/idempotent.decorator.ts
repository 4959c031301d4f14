import { applyDecorators, UseInterceptors } from '@nestjs/common';
import { ApiHeader, ApiResponse } from '@nestjs/swagger';
import { ErrorResponseDto } from '../../common/errors/error-response.dto';
import { IdempotencyInterceptor } from './idempotency.interceptor';

/** A write the phone may resend: honours an Idempotency-Key header (see IdempotencyService). */
export function Idempotent() {
  return applyDecorators(
    UseInterceptors(IdempotencyInterceptor),
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description:
        '1–100 visible ASCII characters, e.g. a UUID made by the device. The same key with the same content ' +
        '(method, route, path parameters, body) within 7 days gets the first answer again (same status and body, ' +
        'header Idempotent-Replayed: true) and writes nothing; with other content 409 IDEMPOTENCY_KEY_REUSED. ' +
        'Only successful answers are kept: after a 4xx the key is free. Malformed: 400 IDEMPOTENCY_KEY_INVALID.',
      schema: { type: 'string', minLength: 1, maxLength: 100, pattern: '^[\\x21-\\x7e]{1,100}$' },
    }),
    ApiResponse({
      status: 409,
      type: ErrorResponseDto,
      description:
        'IDEMPOTENCY_KEY_REUSED (the key was used for other content) or IDEMPOTENCY_KEY_IN_PROGRESS (its first request committed, its answer is not stored yet); also the route’s own conflicts',
    }),
  );
}
