import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { CommonErrors, ErrorDetail } from '../errors/domain-error';

/** C0 controls, DEL and C1 controls. PostgreSQL refuses NUL in text; none belongs in a name or a code. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const ANY_CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
/** Free text in a body may keep tab and line breaks (a visit summary, a comment). */
// eslint-disable-next-line no-control-regex -- as above
const CONTROL_BUT_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/** Every string (and object key) under `value` that carries a forbidden control character, by field path. */
export function controlCharacterFields(value: unknown, allowText: boolean, path = ''): string[] {
  const pattern = allowText ? CONTROL_BUT_TEXT : ANY_CONTROL;
  if (typeof value === 'string') return pattern.test(value) ? [path || 'value'] : [];
  if (Array.isArray(value))
    return value.flatMap((item, index) => controlCharacterFields(item, allowText, `${path}[${index}]`));
  if (value && typeof value === 'object' && !Buffer.isBuffer(value)) {
    return Object.entries(value).flatMap(([key, item]) => {
      const field = path ? `${path}.${key}` : key;
      if (ANY_CONTROL.test(key)) return [path || 'body'];
      return controlCharacterFields(item, allowText, field);
    });
  }
  return [];
}

/**
 * Runs before validation on every body, query and route parameter: a control character is a 400 naming the
 * field on both databases (SQLite would store a NUL that PostgreSQL refuses with a 500).
 */
@Injectable()
export class RejectControlCharactersPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type !== 'body' && metadata.type !== 'query' && metadata.type !== 'param') return value;
    const path = metadata.type === 'param' && metadata.data ? metadata.data : '';
    const fields = controlCharacterFields(value, metadata.type === 'body', path);
    if (fields.length === 0) return value;
    const details: ErrorDetail[] = [...new Set(fields)].map((field) => ({
      field,
      message: metadata.type === 'body' ? '不能包含控制字符（制表符和换行除外）' : '不能包含控制字符',
    }));
    throw CommonErrors.validation(details);
  }
}
