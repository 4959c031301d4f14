import { HttpStatus } from '@nestjs/common';
import { DomainError } from '../../common/errors/domain-error';

export const AuthErrors = {
  invalidCredentials: () =>
    new DomainError(HttpStatus.UNAUTHORIZED, 'INVALID_CREDENTIALS', '用户名或密码错误'),
  unauthenticated: () => new DomainError(HttpStatus.UNAUTHORIZED, 'UNAUTHENTICATED', '未登录或登录已失效'),
  tooManyFailures: (retryAfterSeconds: number) =>
    new DomainError(
      HttpStatus.TOO_MANY_REQUESTS,
      'TOO_MANY_LOGIN_FAILURES',
      `登录失败次数过多，请 ${Math.max(1, Math.ceil(retryAfterSeconds / 60))} 分钟后再试`,
      undefined,
      retryAfterSeconds,
    ),
  wrongCurrentPassword: () =>
    new DomainError(HttpStatus.BAD_REQUEST, 'WRONG_CURRENT_PASSWORD', '当前密码不正确', [
      { field: 'currentPassword', message: '当前密码不正确' },
    ]),
  samePassword: () =>
    new DomainError(HttpStatus.BAD_REQUEST, 'SAME_PASSWORD', '新密码不能与当前密码相同', [
      { field: 'newPassword', message: '新密码不能与当前密码相同' },
    ]),
  csrfFailed: () =>
    new DomainError(HttpStatus.FORBIDDEN, 'CSRF_FAILED', '页面已过期或请求来源不明，请刷新页面后重试'),
  forbidden: () => new DomainError(HttpStatus.FORBIDDEN, 'FORBIDDEN', '当前角色无权执行此操作'),
};
