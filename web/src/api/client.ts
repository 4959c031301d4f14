import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema';

export type Schemas = components['schemas'];

/** The console's one HTTP client, typed from the server's OpenAPI document (npm run api:client). */
export const api = createClient<paths>({ baseUrl: '' });

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function readCookie(name: string): string | undefined {
  const entry = document.cookie.split('; ').find((part) => part.startsWith(`${name}=`));
  return entry ? decodeURIComponent(entry.slice(name.length + 1)) : undefined;
}

/** Where a lost session sends the user: the login page, then back to where they were. */
export function loginPath(from: string): string {
  return from && from !== '/' && !from.startsWith('/login')
    ? `/login?next=${encodeURIComponent(from)}`
    : '/login';
}

const session: Middleware = {
  onRequest({ request }) {
    // The session cookie rides along by itself; unsafe requests also carry the CSRF token the server set.
    if (UNSAFE.has(request.method)) {
      const token = readCookie('dxz_csrf');
      if (token) request.headers.set('X-CSRF-Token', token);
    }
    return request;
  },
  onResponse({ request, response }) {
    if (response.status === 401 && !new URL(request.url).pathname.startsWith('/api/v1/auth/')) {
      const here = window.location.pathname + window.location.search;
      if (!window.location.pathname.startsWith('/login')) window.location.assign(loginPath(here));
    }
    return response;
  },
};
api.use(session);

/** An API refusal as the console shows it: the server's Chinese message, its stable code, field details. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: { field: string; message: string }[] = [],
    readonly requestId?: string,
  ) {
    super(message);
  }
}

type Result = { data?: unknown; error?: unknown; response: Response };

/** The body of a successful call, or an ApiError: what every query and mutation awaits. */
export async function ok<T>(call: Promise<Result>): Promise<T> {
  let result: Result;
  try {
    result = await call;
  } catch {
    throw new ApiError(0, 'NETWORK', '网络连接失败，请检查网络后重试');
  }
  if (result.response.ok) return result.data as T;
  const body = (result.error ?? {}) as Partial<{
    code: string;
    message: string;
    details: ApiError['details'];
    requestId: string;
  }>;
  throw new ApiError(
    result.response.status,
    body.code ?? `HTTP_${result.response.status}`,
    body.message ?? fallbackMessage(result.response.status),
    body.details ?? [],
    body.requestId,
  );
}

/** Used when the server's answer has no message of its own (a proxy's error page, a dropped connection). */
export function fallbackMessage(status: number): string {
  if (status === 401) return '登录已失效，请重新登录';
  if (status === 403) return '无权执行此操作';
  if (status === 404) return '记录不存在或无权查看';
  if (status === 409) return '数据已被他人修改，请刷新后重试';
  if (status === 413) return '文件过大';
  if (status === 429) return '操作过于频繁，请稍后再试';
  if (status >= 500) return '服务器暂时无法处理，请稍后再试';
  return '请求有误';
}

/** One line for a message box: the message, and the fields it names. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    const fields = error.details.map((d) => `${d.field}：${d.message}`).join('；');
    return fields ? `${error.message}（${fields}）` : error.message;
  }
  return error instanceof Error ? error.message : String(error);
}
