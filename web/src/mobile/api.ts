import createClient, { type Middleware } from 'openapi-fetch';
import { readCookie } from '../api/client';
import type { paths } from '../api/schema';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The phone's HTTP client: the same generated types and the same cookie session as the console (the CSRF token
 * echoed on writes), but no redirect on 401 — the phone keeps working offline and asks for a login itself.
 */
export const mobileApi = createClient<paths>({ baseUrl: '' });

const csrf: Middleware = {
  onRequest({ request }) {
    if (UNSAFE.has(request.method)) {
      const token = readCookie('dxz_csrf');
      if (token) request.headers.set('X-CSRF-Token', token);
    }
    return request;
  },
};
mobileApi.use(csrf);
