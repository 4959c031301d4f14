import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import { from, lastValueFrom, Observable } from 'rxjs';
import type { Actor } from '../../common/policy/actor';
import { IdempotencyErrors } from './idempotency.errors';
import { IdempotencyService } from './idempotency.service';
import { IDEMPOTENCY_KEY_PATTERN, requestHash } from './request-hash';

export const IDEMPOTENCY_HEADER = 'idempotency-key';

/** Applied by @Idempotent(): without the header the route runs exactly as before. */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(private readonly idempotency: IdempotencyService) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const request = http.getRequest<Request & { actor: Actor }>();
    const response = http.getResponse<Response>();
    const header = request.headers[IDEMPOTENCY_HEADER];
    if (header === undefined) return next.handle();
    if (typeof header !== 'string' || !IDEMPOTENCY_KEY_PATTERN.test(header))
      throw IdempotencyErrors.invalidKey();
    const keyed = {
      userId: request.actor.id,
      key: header,
      requestHash: requestHash({
        method: request.method,
        route: String((request.route as { path?: string } | undefined)?.path ?? request.path),
        params: request.params as Record<string, string>,
        body: request.body as unknown,
      }),
    };
    return from(
      this.idempotency
        .execute(keyed, async () => {
          const body = await lastValueFrom(next.handle(), { defaultValue: undefined });
          // The route has set its status by now (Nest sets the default before the interceptors, 202s set it inline).
          return { statusCode: response.statusCode, body };
        })
        .then((answer) => {
          response.status(answer.statusCode);
          if (answer.replayed) response.setHeader('Idempotent-Replayed', 'true');
          return answer.body;
        }),
    );
  }
}
