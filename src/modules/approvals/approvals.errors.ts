import { HttpStatus } from '@nestjs/common';
import { DomainError } from '../../common/errors/domain-error';

export const ApprovalErrors = {
  notFound: () => new DomainError(HttpStatus.NOT_FOUND, 'APPROVAL_NOT_FOUND', '审批不存在'),
  notPending: () =>
    new DomainError(HttpStatus.UNPROCESSABLE_ENTITY, 'APPROVAL_NOT_PENDING', '该审批已结束，不能再次决定'),
  wrongLevel: (level: string) =>
    new DomainError(HttpStatus.FORBIDDEN, 'NOT_YOUR_LEVEL', `当前待审批层级为${level}，你无权审批`),
  alreadyPending: () =>
    new DomainError(
      HttpStatus.UNPROCESSABLE_ENTITY,
      'APPROVAL_ALREADY_PENDING',
      '该户已有待审批的申请，请等待审批结果',
    ),
  raced: () =>
    new DomainError(HttpStatus.CONFLICT, 'APPROVAL_DECIDED_CONCURRENTLY', '该审批刚刚已被他人处理，请刷新'),
};
