import { HttpStatus } from '@nestjs/common';
import { DomainError } from '../../common/errors/domain-error';

export const UserErrors = {
  notFound: () => new DomainError(HttpStatus.NOT_FOUND, 'USER_NOT_FOUND', '用户不存在'),
  duplicateUsername: () => new DomainError(HttpStatus.CONFLICT, 'DUPLICATE_USERNAME', '用户名已存在'),
  orgUnitNotFound: () =>
    new DomainError(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', '请求参数有误', [
      { field: 'orgUnitId', message: '组织单位不存在' },
    ]),
  cannotDeactivateSelf: () =>
    new DomainError(HttpStatus.UNPROCESSABLE_ENTITY, 'CANNOT_DEACTIVATE_SELF', '不能停用自己的账号'),
};
