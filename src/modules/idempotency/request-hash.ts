import { createHash } from 'node:crypto';

/** JSON with every object's keys sorted, so `{a, b}` and `{b, a}` are the same content. */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** What "the same request" means for an Idempotency-Key: method, route, path parameters and body. */
export function requestHash(request: {
  method: string;
  route: string;
  params: Record<string, string>;
  body: unknown;
}): string {
  const canonical = canonicalJson([
    request.method.toUpperCase(),
    request.route,
    request.params,
    request.body ?? null,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

/** 1–100 visible ASCII characters (a UUID, a ULID, …); a list of several headers has spaces and fails too. */
export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{1,100}$/;
