import { HttpStatus } from '@nestjs/common';
import { DomainError } from '../../common/errors/domain-error';

export const PlanningErrors = {
  villageNotFound: () => new DomainError(HttpStatus.NOT_FOUND, 'VILLAGE_NOT_FOUND', '村不存在'),
  moveDatePast: (today: string) =>
    new DomainError(HttpStatus.UNPROCESSABLE_ENTITY, 'MOVE_DATE_PAST', `搬迁节点不能早于今天（${today}）`, [
      { field: 'date', message: `不能早于 ${today}` },
    ]),
  batchNotFound: () => new DomainError(HttpStatus.NOT_FOUND, 'PLAN_BATCH_NOT_FOUND', '搬迁批次不存在'),
  batchNameTaken: (name: string) =>
    new DomainError(HttpStatus.CONFLICT, 'PLAN_BATCH_NAME_TAKEN', `已有名为「${name}」的搬迁批次`),
  memberTaken: (count: number, batch: string) =>
    new DomainError(
      HttpStatus.CONFLICT,
      'PLAN_BATCH_MEMBER_TAKEN',
      `有 ${count} 户已在搬迁批次「${batch}」等批次中，一户只能属于一个批次`,
    ),
  batchNotEmpty: (count: number) =>
    new DomainError(
      HttpStatus.CONFLICT,
      'PLAN_BATCH_NOT_EMPTY',
      `该批次还有 ${count} 户，请先将其移出批次再删除`,
    ),
  notMembers: (householdIds: string[]) =>
    new DomainError(
      HttpStatus.UNPROCESSABLE_ENTITY,
      'PLAN_BATCH_NOT_MEMBER',
      `有 ${householdIds.length} 户不在该批次中，未作任何改动`,
      householdIds.slice(0, 20).map((id) => ({ field: 'householdIds', message: `${id} 不在该批次中` })),
    ),
  unknownCodes: (codes: string[]) =>
    new DomainError(
      HttpStatus.BAD_REQUEST,
      'VALIDATION_FAILED',
      '请求参数有误',
      codes.slice(0, 20).map((code) => ({ field: 'householdCodes', message: `户编号 ${code} 不存在` })),
    ),
  idsOrCodes: () =>
    new DomainError(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', '请求参数有误', [
      { field: 'householdCodes', message: 'householdIds 与 householdCodes 只能给出其一' },
    ]),
  unknownHouseholds: (count: number) =>
    new DomainError(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', '请求参数有误', [
      { field: 'householdIds', message: `有 ${count} 户不存在` },
    ]),
};
