import { HttpStatus } from '@nestjs/common';
import { DomainError } from '../../common/errors/domain-error';

export const OrgErrors = {
  duplicateCode: () => new DomainError(HttpStatus.CONFLICT, 'DUPLICATE_ORG_CODE', '组织编码已存在'),
  badParent: (message: string) =>
    new DomainError(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', '请求参数有误', [
      { field: 'parentId', message },
    ]),
};
