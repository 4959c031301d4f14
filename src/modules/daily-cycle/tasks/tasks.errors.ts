import { HttpStatus } from '@nestjs/common';
import { DomainError } from '../../../common/errors/domain-error';

export const TaskErrors = {
  notFound: () => new DomainError(HttpStatus.NOT_FOUND, 'TASK_NOT_FOUND', '任务不存在'),
  notOpen: () => new DomainError(HttpStatus.UNPROCESSABLE_ENTITY, 'TASK_NOT_OPEN', '任务已完成或已取消'),
};
