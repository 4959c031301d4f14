import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DomainError } from './domain-error';
import { uniqueViolation } from './unique-violation';

const STATUS_CODES: Record<number, [string, string]> = {
  400: ['BAD_REQUEST', '请求有误'],
  401: ['UNAUTHENTICATED', '未登录或登录已失效'],
  403: ['FORBIDDEN', '无权执行此操作'],
  404: ['NOT_FOUND', '资源不存在'],
  405: ['METHOD_NOT_ALLOWED', '不支持的请求方法'],
  409: ['CONFLICT', '数据冲突'],
  413: ['PAYLOAD_TOO_LARGE', '上传内容过大'],
  414: ['URI_TOO_LONG', '请求地址过长'],
  415: ['UNSUPPORTED_MEDIA_TYPE', '不支持的内容类型'],
  422: ['BUSINESS_RULE', '业务规则不允许此操作'],
  429: ['TOO_MANY_REQUESTS', '请求过于频繁，请稍后再试'],
};

/** body-parser's refusals (http-errors with a `type`), in the API's words. */
const BODY_ERRORS: Record<string, [number, string, string]> = {
  'entity.parse.failed': [400, 'INVALID_JSON', '请求体不是有效的 JSON'],
  'entity.too.deep': [400, 'JSON_TOO_DEEP', '请求体嵌套层数过多'],
  'entity.too.large': [413, 'PAYLOAD_TOO_LARGE', '请求体过大'],
  'charset.unsupported': [415, 'UNSUPPORTED_CHARSET', '不支持的字符集，请使用 UTF-8'],
  'encoding.unsupported': [415, 'UNSUPPORTED_ENCODING', '不支持的内容编码'],
};

/** Seconds a client is told to wait on a 429 that names no time of its own (the throttler's window). */
const DEFAULT_RETRY_AFTER_SECONDS = 60;

/** One place that turns anything thrown into the API's error shape, with the request id (docs/architecture.md, "HTTP conventions"). */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const response = ctx.getResponse<Response>();
    const request = ctx.getRequest<Request & { id?: string }>();
    const body = this.toBody(exception);
    if (body.statusCode >= 500)
      this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    if (response.headersSent) return;
    if (body.statusCode === 429 && !response.getHeader('Retry-After')) {
      // The throttler names its header after the throttle (Retry-After-login); clients read the standard one.
      const named = response.getHeaderNames().find((name) => name.startsWith('retry-after-'));
      const seconds =
        exception instanceof DomainError && exception.retryAfterSeconds
          ? exception.retryAfterSeconds
          : named
            ? Number(response.getHeader(named))
            : DEFAULT_RETRY_AFTER_SECONDS;
      response.setHeader('Retry-After', String(seconds));
    }
    response.status(body.statusCode).json({ ...body, requestId: request.id ?? null });
  }

  private toBody(exception: unknown) {
    if (exception instanceof DomainError) {
      return {
        statusCode: exception.status,
        code: exception.code,
        message: exception.message,
        details: exception.details,
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const [code, message] = STATUS_CODES[status] ?? ['ERROR', exception.message];
      const raw = exception.getResponse();
      // body-parser's JSON errors and multer's limits arrive as HttpExceptions with English text.
      if (status === 400 && typeof raw === 'object' && /JSON/i.test(JSON.stringify(raw))) {
        return { statusCode: 400, code: 'INVALID_JSON', message: '请求体不是有效的 JSON' };
      }
      return { statusCode: status, code, message };
    }
    const typed = exception as { type?: string; status?: number; expose?: boolean };
    const known = typed?.type ? BODY_ERRORS[typed.type] : undefined;
    if (known) return { statusCode: known[0], code: known[1], message: known[2] };
    // Any other client error body-parser raises (http-errors marks those safe to show) keeps its status.
    if (typed?.expose && typed.status && typed.status >= 400 && typed.status < 500) {
      const [code, message] = STATUS_CODES[typed.status] ?? ['BAD_REQUEST', '请求有误'];
      return { statusCode: typed.status, code, message };
    }
    if (uniqueViolation(exception))
      return { statusCode: HttpStatus.CONFLICT, code: 'DUPLICATE', message: '数据重复' };
    return { statusCode: 500, code: 'INTERNAL_ERROR', message: '服务器内部错误' };
  }
}
