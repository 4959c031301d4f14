import { HttpStatus } from '@nestjs/common';
import { DomainError } from '../../common/errors/domain-error';
import { STATUS_LABELS, ProblemStatus } from './problem-states';

export const ProblemErrors = {
  notFound: () => new DomainError(HttpStatus.NOT_FOUND, 'PROBLEM_NOT_FOUND', '问题不存在'),
  illegal: (status: string, action: string) =>
    new DomainError(
      HttpStatus.UNPROCESSABLE_ENTITY,
      'ILLEGAL_PROBLEM_TRANSITION',
      `问题当前状态为"${STATUS_LABELS[status as ProblemStatus] ?? status}"，不能执行"${action}"`,
    ),
  notYourUnit: () => new DomainError(HttpStatus.FORBIDDEN, 'FORBIDDEN', '只有承办单位或指挥部可以办理此问题'),
  notYourFeedback: () =>
    new DomainError(HttpStatus.FORBIDDEN, 'FORBIDDEN', '只有该户的包户干部或指挥部可以登记群众反馈'),
  notYourHousehold: () => new DomainError(HttpStatus.FORBIDDEN, 'FORBIDDEN', '只能为自己包联的户登记问题'),
  badUnit: () =>
    new DomainError(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', '请求参数有误', [
      { field: 'unitId', message: '承办单位不存在' },
    ]),
  badOwner: () =>
    new DomainError(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', '请求参数有误', [
      { field: 'ownerId', message: '经办人不存在、已停用或不属于该单位' },
    ]),
  badDue: () =>
    new DomainError(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', '请求参数有误', [
      { field: 'dueAt', message: '办理期限必须晚于当前时间' },
    ]),
  alreadySupervised: () =>
    new DomainError(HttpStatus.UNPROCESSABLE_ENTITY, 'ALREADY_SUPERVISED', '该问题已挂牌督办'),
  closed: () => new DomainError(HttpStatus.UNPROCESSABLE_ENTITY, 'PROBLEM_CLOSED', '问题已销号'),
  raced: () => new DomainError(HttpStatus.CONFLICT, 'STALE_VERSION', '问题刚刚已被他人处理，请刷新'),
};
