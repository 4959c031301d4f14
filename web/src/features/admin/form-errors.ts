import { ApiError, describeError } from '../../api/client';

export interface FieldError {
  name: string;
  errors: string[];
}

/**
 * An API refusal on a form: the server's Chinese message per field goes under that field (details, or an error
 * code that is about one field, e.g. DUPLICATE_USERNAME), and whatever no field shows becomes the form's message.
 */
export function formErrors(
  error: unknown,
  fields: string[],
  codeFields: Record<string, string> = {},
): { fields: FieldError[]; message: string | null } {
  if (!(error instanceof ApiError)) return { fields: [], message: describeError(error) };
  const byField = new Map<string, string[]>();
  const rest: string[] = [];
  for (const detail of error.details) {
    if (fields.includes(detail.field))
      byField.set(detail.field, [...(byField.get(detail.field) ?? []), detail.message]);
    else rest.push(`${detail.field}：${detail.message}`);
  }
  const codeField = codeFields[error.code];
  if (codeField && fields.includes(codeField) && error.details.length === 0)
    byField.set(codeField, [error.message]);
  const shown = [...byField].map(([name, errors]) => ({ name, errors }));
  if (shown.length === 0) return { fields: [], message: describeError(error) };
  return { fields: shown, message: rest.length ? `${error.message}（${rest.join('；')}）` : null };
}
