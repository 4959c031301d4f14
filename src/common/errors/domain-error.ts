import { HttpStatus } from '@nestjs/common';

export interface ErrorDetail {
  field: string;
  message: string;
}

/** Every refusal on a request path: HTTP status, stable English code, Chinese message, optional field details. */
export class DomainError extends Error {
  constructor(
    readonly status: HttpStatus,
    readonly code: string,
    message: string,
    readonly details?: ErrorDetail[],
    /** For a 429: when the client may try again (the Retry-After header). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

export const CommonErrors = {
  validation: (details: ErrorDetail[]) =>
    new DomainError(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', '请求参数有误', details),
  notFound: (what = '记录') => new DomainError(HttpStatus.NOT_FOUND, 'NOT_FOUND', `${what}不存在`),
  staleVersion: () =>
    new DomainError(HttpStatus.CONFLICT, 'STALE_VERSION', '数据已被他人修改，请刷新后重试（version 已过期）'),
};
