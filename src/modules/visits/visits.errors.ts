import { HttpStatus } from '@nestjs/common';
import { DomainError } from '../../common/errors/domain-error';

export const VisitErrors = {
  clientIdReused: () =>
    new DomainError(HttpStatus.CONFLICT, 'CLIENT_ID_REUSED', '该 clientId 已用于内容不同的另一条走访记录'),
  inFuture: () =>
    new DomainError(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', '请求参数有误', [
      { field: 'visitedAt', message: '走访时间不能晚于当前时间' },
    ]),
  notYours: () => new DomainError(HttpStatus.FORBIDDEN, 'FORBIDDEN', '只有该户的包户干部可以登记走访'),
};
