import { HttpStatus } from '@nestjs/common';
import { DomainError } from '../../common/errors/domain-error';

export const NotificationErrors = {
  notFound: () => new DomainError(HttpStatus.NOT_FOUND, 'NOTIFICATION_NOT_FOUND', '通知不存在'),
};
