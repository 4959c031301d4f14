const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Six digits in a row: the shape of a resident ID, a phone number or a part of one. */
const DIGIT_RUN = /\d{6}/;
/** Parameters whose value is free text a person typed: a name, an ID or a phone being searched for. */
const FREE_TEXT = new Set(['q']);

function safe(value: string): boolean {
  if (UUID.test(value)) return true;
  return /^[\w.:,-]{0,64}$/.test(value) && !DIGIT_RUN.test(value);
}

function decoded(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/**
 * A request URL as the log may keep it: the path and every parameter name, but no value that could be
 * personal data (a searched name, resident ID or phone). Codes, dates, enums and UUIDs stay readable.
 */
export function redactUrl(url: string): string {
  const [path, query] = url.split(/\?(.*)/s, 2);
  const cleanPath = path
    .split('/')
    .map((segment) => (safe(decoded(segment)) ? segment : '[redacted]'))
    .join('/');
  if (query === undefined) return cleanPath;
  const params = query
    .split('&')
    .filter((pair) => pair.length > 0)
    .map((pair) => {
      const [rawKey, rawValue = ''] = pair.split(/=(.*)/s, 2);
      const key = decoded(rawKey);
      const keyText = safe(key) ? rawKey : '[redacted]';
      const keep = !FREE_TEXT.has(key) && safe(decoded(rawValue));
      return `${keyText}=${keep ? rawValue : '[redacted]'}`;
    });
  return `${cleanPath}?${params.join('&')}`;
}
