import { HttpStatus } from '@nestjs/common';
import { DomainError } from '../../common/errors/domain-error';

export const IntentErrors = {
  frozen: () =>
    new DomainError(HttpStatus.UNPROCESSABLE_ENTITY, 'INTENT_FROZEN', '已签约的户变更安置意愿须经指挥部审批'),
  visitNotOfHousehold: () =>
    new DomainError(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', '请求参数有误', [
      { field: 'visitId', message: '该走访记录不属于此户' },
    ]),
  notYours: () =>
    new DomainError(HttpStatus.FORBIDDEN, 'FORBIDDEN', '只有该户的包户干部或指挥部可以登记意愿'),
};
