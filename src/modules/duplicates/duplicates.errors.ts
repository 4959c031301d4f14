import { HttpStatus } from '@nestjs/common';
import { DomainError } from '../../common/errors/domain-error';

export const DuplicateErrors = {
  notFound: () => new DomainError(HttpStatus.NOT_FOUND, 'DUPLICATE_NOT_FOUND', '疑似重复记录不存在'),
  notAllowed: () =>
    new DomainError(HttpStatus.FORBIDDEN, 'FORBIDDEN', '只有指挥部（或管理员）可以认定疑似重复人员'),
  revealForbidden: () =>
    new DomainError(HttpStatus.FORBIDDEN, 'REVEAL_FORBIDDEN', '无权查看完整的身份证号和联系电话'),
  alreadyDecided: (status: string) =>
    new DomainError(
      HttpStatus.CONFLICT,
      'DUPLICATE_ALREADY_DECIDED',
      `该疑似重复已认定为「${status}」，不能再次认定`,
    ),
  keepRequired: () =>
    new DomainError(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', '请求参数有误', [
      { field: 'keepHouseholdId', message: '认定为同一人时须指明保留哪一户中的记录（两户之一的 id）' },
    ]),
  keepNotAllowed: () =>
    new DomainError(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', '请求参数有误', [
      { field: 'keepHouseholdId', message: '认定为不同人时不能指定保留户' },
    ]),
  twoHeads: () =>
    new DomainError(
      HttpStatus.CONFLICT,
      'DUPLICATE_MERGE_TWO_HEADS',
      '两人都是户主，不能合并：合并会删去其中一户的户主，而每户必须有且只有一名户主。' +
        '请先在其中一户更换户主（或核实后认定为不同人），再认定为同一人',
    ),
  removesHead: (code: string) =>
    new DomainError(
      HttpStatus.CONFLICT,
      'DUPLICATE_MERGE_REMOVES_HEAD',
      `合并会移除「${code}」户的户主，户主不能移除：请保留该户的记录，移除另一户中的成员记录`,
    ),
  changed: () =>
    new DomainError(
      HttpStatus.CONFLICT,
      'DUPLICATE_CHANGED',
      '其中一人已不在原户中（户的成员已被修改），请刷新后重新核查',
    ),
};
