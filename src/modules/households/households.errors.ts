import { HttpStatus } from '@nestjs/common';
import { DomainError, ErrorDetail } from '../../common/errors/domain-error';

export const HouseholdErrors = {
  notFound: () => new DomainError(HttpStatus.NOT_FOUND, 'HOUSEHOLD_NOT_FOUND', '移民户不存在'),
  duplicateCode: (code: string) =>
    new DomainError(HttpStatus.CONFLICT, 'DUPLICATE_HOUSEHOLD_CODE', `户编号 ${code} 已存在`),
  duplicateResidentId: (fields: string[]) =>
    new DomainError(
      HttpStatus.CONFLICT,
      'DUPLICATE_RESIDENT_ID',
      '身份证号已登记在其他户',
      fields.map((field) => ({ field, message: '该身份证号已登记在其他户' })),
    ),
  invalid: (details: ErrorDetail[]) =>
    new DomainError(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', '请求参数有误', details),
  notEditable: () => new DomainError(HttpStatus.FORBIDDEN, 'FORBIDDEN', '无权修改此移民户'),
  moveForbidden: (fields: string[]) =>
    new DomainError(
      HttpStatus.FORBIDDEN,
      'MOVE_FORBIDDEN',
      '调整所属村或专班须由指挥部办理',
      fields.map((field) => ({ field, message: '包户干部不能修改此项' })),
    ),
  approvalPending: () =>
    new DomainError(
      HttpStatus.CONFLICT,
      'APPROVAL_PENDING',
      '该户有待审批的申请，审批完成或撤回后才能调整所属村',
      [{ field: 'villageId', message: '有待审批的申请' }],
    ),
  alreadyOnHold: () =>
    new DomainError(HttpStatus.UNPROCESSABLE_ENTITY, 'ALREADY_ON_HOLD', '该户已处于暂停状态'),
  notOnHold: () => new DomainError(HttpStatus.UNPROCESSABLE_ENTITY, 'NOT_ON_HOLD', '该户未处于暂停状态'),
  notYetRegistered: (date: string) =>
    new DomainError(HttpStatus.NOT_FOUND, 'HOUSEHOLD_NOT_FOUND', `该户在 ${date} 尚未登记`),
  badAsOf: () =>
    new DomainError(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', '请求参数有误', [
      { field: 'asOf', message: '必须是有效日期（YYYY-MM-DD）' },
    ]),
  asOfFuture: () =>
    new DomainError(HttpStatus.UNPROCESSABLE_ENTITY, 'DATE_IN_FUTURE', '不能查询尚未到来的日期'),
  revealForbidden: () =>
    new DomainError(HttpStatus.FORBIDDEN, 'REVEAL_FORBIDDEN', '当前角色无权查看完整身份证号和手机号'),
  notACadre: () =>
    new DomainError(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', '请求参数有误', [
      { field: 'cadreId', message: '该用户不存在、已停用或不是包户干部' },
    ]),
  someNotFound: (ids: string[]) =>
    new DomainError(
      HttpStatus.NOT_FOUND,
      'HOUSEHOLD_NOT_FOUND',
      `有 ${ids.length} 户不存在，未做任何分配`,
      ids.map((id) => ({ field: 'householdIds', message: `${id} 不存在` })),
    ),
};
