import { HttpStatus } from '@nestjs/common';
import { DomainError } from '../../../common/errors/domain-error';

export const ReportErrors = {
  notYet: (date: string) =>
    new DomainError(HttpStatus.NOT_FOUND, 'REPORT_NOT_FOUND', `${date} 的日汇报尚未生成`),
  badDate: () =>
    new DomainError(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', '请求参数有误', [
      { field: 'date', message: '必须是有效日期（YYYY-MM-DD）' },
    ]),
  unknownMetric: (metric: string) =>
    new DomainError(HttpStatus.BAD_REQUEST, 'UNKNOWN_METRIC', `日汇报没有可展开的指标“${metric}”`, [
      { field: 'metric', message: '不是日汇报的指标' },
    ]),
  future: () =>
    new DomainError(HttpStatus.UNPROCESSABLE_ENTITY, 'DATE_IN_FUTURE', '不能为尚未到来的日期生成日汇报'),
};
