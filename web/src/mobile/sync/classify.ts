/**
 * What an answer means for an outbox item:
 * - `ok`: the server has it (2xx);
 * - `retry`: nothing certain came back (no network, 5xx, 429, 408, a proxy's page): it stays pending;
 * - `auth`: the session ran out (401): keep everything, ask for a login, then go on;
 * - `rejected`: the server refused it for a reason the cadre must see (400/403/404/409/422 and other 4xx).
 */
export type Verdict = 'ok' | 'retry' | 'auth' | 'rejected';

export function classifyStatus(status: number): Verdict {
  if (status >= 200 && status < 300) return 'ok';
  if (status === 401) return 'auth';
  if (status === 408 || status === 429 || status >= 500) return 'retry';
  if (status >= 400) return 'rejected';
  // A redirect or anything else unexpected (a village Wi-Fi's login page): nothing certain, try again later.
  return 'retry';
}

/** The server's error body ({ code, message, details }) or, failing that, a message for the status. */
export function errorOf(
  status: number,
  body: unknown,
): { code: string; message: string; details?: { field: string; message: string }[] } {
  const shaped = (typeof body === 'object' && body !== null ? body : {}) as Partial<{
    code: unknown;
    message: unknown;
    details: unknown;
  }>;
  const message =
    typeof shaped.message === 'string' && shaped.message.trim() ? shaped.message : fallbackMessage(status);
  const details = Array.isArray(shaped.details)
    ? (shaped.details as { field: string; message: string }[]).filter(
        (d) => typeof d?.field === 'string' && typeof d?.message === 'string',
      )
    : undefined;
  return {
    code: typeof shaped.code === 'string' ? shaped.code : `HTTP_${status}`,
    message,
    ...(details && details.length > 0 ? { details } : {}),
  };
}

export function fallbackMessage(status: number): string {
  if (status === 0) return '网络连接失败';
  if (status === 401) return '登录已失效，请重新登录';
  if (status === 403) return '无权执行此操作（该户可能已不由您包保）';
  if (status === 404) return '记录不存在或无权查看';
  if (status === 409) return '数据已被他人修改或重复提交了不同内容';
  if (status === 422) return '业务规则不允许此操作';
  if (status === 429) return '操作过于频繁，稍后自动重试';
  if (status >= 500) return '服务器暂时无法处理，稍后自动重试';
  return '请求有误';
}

/** A rejection's one line: the message and the fields it names. */
export function describeRejection(rejection: {
  message: string;
  details?: { field: string; message: string }[];
}): string {
  const fields = (rejection.details ?? []).map((d) => d.message).join('；');
  return fields && !rejection.message.includes(fields)
    ? `${rejection.message}（${fields}）`
    : rejection.message;
}
