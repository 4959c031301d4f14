import { HttpStatus } from '@nestjs/common';
import { DomainError } from '../../common/errors/domain-error';

export const BulletinErrors = {
  badWeek: () =>
    new DomainError(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', '请求参数有误', [
      { field: 'weekStart', message: '必须是某周的星期一（YYYY-MM-DD）' },
    ]),
  notYet: (weekStart: string) =>
    new DomainError(HttpStatus.NOT_FOUND, 'BULLETIN_NOT_FOUND', `${weekStart} 当周的周通报尚未生成`),
  /** `where`: the totals or a ranking, for a metric the bulletin has but not there; null: one it never has. */
  unknownMetric: (metric: string, where: string | null, choices: readonly string[]) =>
    new DomainError(
      HttpStatus.BAD_REQUEST,
      'UNKNOWN_METRIC',
      `周通报${where === null ? '' : `的${where}`}没有可展开的指标“${metric}”`,
      [{ field: 'metric', message: `可选：${choices.join(', ')}` }],
    ),
  groupIncomplete: (missing: 'groupKind' | 'groupId') =>
    new DomainError(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', '请求参数有误', [
      { field: missing, message: 'groupKind 与 groupId 须同时给出（都不给为总计）' },
    ]),
  rowNotFound: (ranking: string) =>
    new DomainError(HttpStatus.NOT_FOUND, 'BULLETIN_ROW_NOT_FOUND', `该周通报的${ranking}排名中没有这一行`),
  weekNotOver: (weekStart: string, lastDate: string) =>
    new DomainError(
      HttpStatus.UNPROCESSABLE_ENTITY,
      'WEEK_NOT_OVER',
      `${weekStart} 至 ${lastDate} 这一周尚未结束，不能生成周通报`,
    ),
};
