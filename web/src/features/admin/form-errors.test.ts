import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client';
import { formErrors } from './form-errors';

const FIELDS = ['username', 'password', 'displayName', 'role', 'orgUnitId', 'phone'];

describe("the server's refusals on a form", () => {
  it('puts each detail under its field and keeps the rest for the message', () => {
    const error = new ApiError(400, 'VALIDATION_FAILED', '请求参数有误', [
      { field: 'password', message: '长度不能少于 8 个字符' },
      { field: 'username', message: '用户名为3-64位字母、数字、下划线、点或短横线' },
      { field: 'password', message: '必须是字符串' },
    ]);
    expect(formErrors(error, FIELDS)).toEqual({
      fields: [
        { name: 'password', errors: ['长度不能少于 8 个字符', '必须是字符串'] },
        { name: 'username', errors: ['用户名为3-64位字母、数字、下划线、点或短横线'] },
      ],
      message: null,
    });
    const mixed = new ApiError(400, 'VALIDATION_FAILED', '请求参数有误', [
      { field: 'phone', message: '手机号格式不正确' },
      { field: 'extra', message: '不允许的字段' },
    ]);
    expect(formErrors(mixed, FIELDS).message).toBe('请求参数有误（extra：不允许的字段）');
  });

  it('names the field an error code is about', () => {
    const duplicate = new ApiError(409, 'DUPLICATE_USERNAME', '用户名已存在');
    expect(formErrors(duplicate, FIELDS, { DUPLICATE_USERNAME: 'username' })).toEqual({
      fields: [{ name: 'username', errors: ['用户名已存在'] }],
      message: null,
    });
  });

  it('shows anything else as one message', () => {
    expect(formErrors(new ApiError(403, 'FORBIDDEN', '无权执行此操作'), FIELDS)).toEqual({
      fields: [],
      message: '无权执行此操作',
    });
    expect(formErrors(new Error('boom'), FIELDS).message).toBe('boom');
  });
});
