import { ValidationError, ValidationPipe } from '@nestjs/common';
import { IsIn, ValidateBy, ValidateIf, ValidationOptions } from 'class-validator';
import { CommonErrors, ErrorDetail } from '../errors/domain-error';

/** Chinese text for class-validator's constraint names; custom validators carry their own message. */
const MESSAGES: Record<string, (args: string[]) => string> = {
  whitelistValidation: () => '不允许的字段',
  isDefined: () => '不能为空',
  isNotEmpty: () => '不能为空',
  isString: () => '必须是字符串',
  isInt: () => '必须是整数',
  isNumber: () => '必须是数字',
  isBoolean: () => '必须是布尔值',
  isArray: () => '必须是数组',
  isObject: () => '必须是对象',
  isUuid: () => '必须是有效的 UUID',
  isEnum: () => '取值无效',
  isIn: (a) => `取值无效，可选：${a.join(', ')}`,
  min: (a) => `不能小于 ${a[0]}`,
  max: (a) => `不能大于 ${a[0]}`,
  minLength: (a) => `长度不能少于 ${a[0]} 个字符`,
  maxLength: (a) => `长度不能超过 ${a[0]} 个字符`,
  arrayMinSize: (a) => `至少需要 ${a[0]} 项`,
  arrayMaxSize: (a) => `最多 ${a[0]} 项`,
  arrayUnique: () => '不能有重复项',
  isDateString: () => '必须是 ISO 8601 日期时间',
  isIso8601: () => '必须是 ISO 8601 日期时间',
  isLatitude: () => '必须是有效的纬度',
  isLongitude: () => '必须是有效的经度',
  matches: () => '格式不正确',
  nestedValidation: () => '格式不正确',
  isPositive: () => '必须是正数',
};

/** How an array item appears in a field path: members[0].sex (the HTTP API) or members.0.sex. */
type IndexStyle = 'bracket' | 'dot';

function flatten(errors: ValidationError[], style: IndexStyle, prefix = ''): ErrorDetail[] {
  return errors.flatMap((error) => {
    const field = !prefix
      ? error.property
      : style === 'bracket' && /^\d+$/.test(error.property)
        ? `${prefix}[${error.property}]`
        : `${prefix}.${error.property}`;
    const names = Object.keys(error.constraints ?? {});
    // An explicit null for a field that needs a value: one plain message, not "too long" and "not a string".
    if (error.value === null && names.length && !names.includes('whitelistValidation')) {
      return [{ field, message: '不能为空' }];
    }
    const own = Object.entries(error.constraints ?? {}).map(([name, english]) => {
      const args = (error.contexts?.[name]?.args as string[] | undefined) ?? extractArgs(english);
      // A message we wrote ourselves (Chinese) wins over the generic one.
      const message = /[\u4e00-\u9fff]/.test(english) ? english : (MESSAGES[name]?.(args) ?? '格式不正确');
      return { field, message };
    });
    const children = error.children?.length ? flatten(error.children, style, field) : [];
    return [...own, ...children];
  });
}

function extractArgs(english: string): string[] {
  const list = english.match(/one of the following values: (.*)$/);
  if (list) return list[1].split(/,\s*/);
  const number = english.match(/(-?\d+(?:\.\d+)?)/);
  return number ? [number[1]] : [];
}

/** Longer value lists are named by their first few and the total: the whole list is GET /options. */
const LISTED_CHOICES = 12;

/** The choices of an enum as a person reads them: 入户走访（in_person）、电话（phone）、线上（online）. */
export function describeChoices(labels: Readonly<Record<string, string>>): string {
  const pairs = Object.entries(labels);
  // Codes such as GB 3304's '01'…'56': JavaScript lists '10'…'56' (integer-like keys) before '01'…'09'.
  if (pairs.every(([value]) => /^\d+$/.test(value))) pairs.sort(([a], [b]) => a.localeCompare(b));
  const entries = pairs.map(([value, label]) => `${label}（${value}）`);
  if (entries.length <= LISTED_CHOICES) return entries.join('、');
  return `${entries.slice(0, 3).join('、')} 等 ${entries.length} 项（完整列表见 GET /api/v1/options）`;
}

/**
 * An enum field: one of the labels' values (the API takes values, as the OpenAPI `enum` says); a wrong one is
 * answered with the Chinese labels beside their values, not a bare list of English words.
 */
export const IsOneOf = (
  labels: Readonly<Record<string, string>>,
  options?: ValidationOptions,
): PropertyDecorator =>
  IsIn(Object.keys(labels), { message: `取值无效，可选：${describeChoices(labels)}`, ...options });

/**
 * For PATCH fields that may be left out but never cleared: unlike @IsOptional(), an explicit null is
 * validated (and refused) instead of reaching the database as NULL.
 */
export const OptionalNotNull = (): PropertyDecorator => ValidateIf((_, value) => value !== undefined);

/** A name of only spaces (ASCII or the full-width U+3000) is no name: refused like an empty one. */
export const NotBlank = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: 'notBlank',
      validator: { validate: (value) => typeof value !== 'string' || value.trim().length > 0 },
    },
    { message: '不能为空或只有空格', ...options },
  );

/**
 * Field details with dotted array paths (members.0.sex), which the ledger import maps back to sheet rows.
 * The HTTP API names array items members[0].sex, as the services' own field errors do.
 */
export function validationDetails(errors: ValidationError[]): ErrorDetail[] {
  return flatten(errors, 'dot');
}

export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    exceptionFactory: (errors) => CommonErrors.validation(flatten(errors, 'bracket')),
  });
}
