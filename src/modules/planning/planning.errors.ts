import { HttpStatus } from '@nestjs/common';
import { DomainError } from '../../common/errors/domain-error';

export const PlanningErrors = {
  villageNotFound: () => new DomainError(HttpStatus.NOT_FOUND, 'VILLAGE_NOT_FOUND', '村不存在'),
  moveDatePast: (today: string) =>
    new DomainError(HttpStatus.UNPROCESSABLE_ENTITY, 'MOVE_DATE_PAST', `搬迁节点不能早于今天（${today}）`, [
      { field: 'date', message: `不能早于 ${today}` },
    ]),
};
