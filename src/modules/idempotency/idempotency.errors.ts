import { HttpStatus } from '@nestjs/common';
import { DomainError } from '../../common/errors/domain-error';

export const IdempotencyErrors = {
  invalidKey: () =>
    new DomainError(HttpStatus.BAD_REQUEST, 'IDEMPOTENCY_KEY_INVALID', '请求头 Idempotency-Key 有误', [
      { field: 'Idempotency-Key', message: 'Idempotency-Key 须为 1–100 位可见 ASCII 字符（如 UUID）' },
    ]),
  reused: () =>
    new DomainError(
      HttpStatus.CONFLICT,
      'IDEMPOTENCY_KEY_REUSED',
      '该 Idempotency-Key 已用于内容不同的另一个请求，请为新请求生成新的 Idempotency-Key',
    ),
  inProgress: () =>
    new DomainError(
      HttpStatus.CONFLICT,
      'IDEMPOTENCY_KEY_IN_PROGRESS',
      '使用该 Idempotency-Key 的请求已提交，结果尚未就绪，请稍后重试或刷新数据',
    ),
};
