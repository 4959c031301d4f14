import { HttpStatus } from '@nestjs/common';
import { DomainError } from '../../common/errors/domain-error';

export const StageErrors = {
  refused: (code: string, message: string) => new DomainError(HttpStatus.UNPROCESSABLE_ENTITY, code, message),
  notYours: () =>
    new DomainError(HttpStatus.FORBIDDEN, 'FORBIDDEN', '只有该户的包户干部或指挥部可以推进该户'),
  nothingToRollBack: () =>
    new DomainError(HttpStatus.UNPROCESSABLE_ENTITY, 'NOTHING_TO_ROLL_BACK', '该户处于第一阶段，无法回退'),
  stageChanged: () =>
    new DomainError(HttpStatus.UNPROCESSABLE_ENTITY, 'STAGE_CHANGED', '该户阶段已变化，此审批已不适用'),
};
