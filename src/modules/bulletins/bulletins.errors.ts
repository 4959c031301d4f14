import { HttpStatus } from '@nestjs/common';
import { DomainError } from '../../common/errors/domain-error';

export const BulletinErrors = {
  badWeek: () =>
    new DomainError(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', '请求参数有误', [
      { field: 'weekStart', message: '必须是某周的星期一（YYYY-MM-DD）' },
    ]),
  notYet: (weekStart: string) =>
    new DomainError(HttpStatus.NOT_FOUND, 'BULLETIN_NOT_FOUND', `${weekStart} 当周的周通报尚未生成`),
  weekNotOver: (weekStart: string, lastDate: string) =>
    new DomainError(
      HttpStatus.UNPROCESSABLE_ENTITY,
      'WEEK_NOT_OVER',
      `${weekStart} 至 ${lastDate} 这一周尚未结束，不能生成周通报`,
    ),
};
