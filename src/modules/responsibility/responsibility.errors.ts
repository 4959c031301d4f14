import { HttpStatus } from '@nestjs/common';
import { DomainError } from '../../common/errors/domain-error';

export const ResponsibilityErrors = {
  notAllowed: () =>
    new DomainError(HttpStatus.FORBIDDEN, 'FORBIDDEN', '只有指挥部（或管理员）可以设置包保责任'),
  scopeNotFound: (kind: 'village' | 'task_force') =>
    new DomainError(
      HttpStatus.NOT_FOUND,
      'RESPONSIBILITY_SCOPE_NOT_FOUND',
      kind === 'village' ? '村不存在' : '专班不存在',
    ),
  badHolder: (message: string) =>
    new DomainError(HttpStatus.BAD_REQUEST, 'RESPONSIBLE_HOLDER_INVALID', message, [
      { field: 'holderId', message },
    ]),
  oneSelection: () =>
    new DomainError(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', '请求参数有误', [
      { field: 'householdIds', message: '请指定 householdIds（所选各户）或 villageId（全村各户）之一' },
    ]),
  villageEmpty: () =>
    new DomainError(HttpStatus.UNPROCESSABLE_ENTITY, 'VILLAGE_HAS_NO_HOUSEHOLDS', '该村没有可设置的移民户'),
  concurrentChange: () =>
    new DomainError(HttpStatus.CONFLICT, 'RESPONSIBILITY_CHANGED', '该职责刚被他人修改，请刷新后重试'),
  someNotFound: (ids: string[]) =>
    new DomainError(
      HttpStatus.NOT_FOUND,
      'HOUSEHOLD_NOT_FOUND',
      `有 ${ids.length} 户不存在，未做任何设置`,
      ids.map((id) => ({ field: 'householdIds', message: `${id} 不存在` })),
    ),
};
