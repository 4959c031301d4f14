import { HttpStatus } from '@nestjs/common';
import { DomainError } from '../../common/errors/domain-error';

export const AuthErrors = {
  invalidCredentials: () =>
    new DomainError(HttpStatus.UNAUTHORIZED, 'INVALID_CREDENTIALS', '用户名或密码错误'),
  unauthenticated: () => new DomainError(HttpStatus.UNAUTHORIZED, 'UNAUTHENTICATED', '未登录或登录已失效'),
  tooManyFailures: (minutes: number) =>
    new DomainError(
      HttpStatus.TOO_MANY_REQUESTS,
      'TOO_MANY_LOGIN_FAILURES',
      `登录失败次数过多，请 ${minutes} 分钟后再试`,
    ),
  forbidden: () => new DomainError(HttpStatus.FORBIDDEN, 'FORBIDDEN', '当前角色无权执行此操作'),
};
