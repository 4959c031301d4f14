import { createHmac, timingSafeEqual } from 'node:crypto';
import type { CookieOptions, Request, Response } from 'express';

/** The browser console's session: the token in an httpOnly cookie no script can read. */
export const SESSION_COOKIE = 'dxz_session';
/** Readable by the console's own script, which echoes it in X-CSRF-Token on every unsafe request. */
export const CSRF_COOKIE = 'dxz_csrf';
export const CSRF_HEADER = 'x-csrf-token';

/**
 * The CSRF token is an HMAC of the session token: another site can neither read it (SameSite=Strict, same
 * origin) nor compute it, and it changes with every new session.
 */
export function csrfTokenFor(sessionToken: string, secret: string): string {
  return createHmac('sha256', secret).update(`csrf:${sessionToken}`).digest('base64url');
}

export function csrfMatches(request: Request, sessionToken: string, secret: string): boolean {
  const given = request.headers[CSRF_HEADER];
  if (typeof given !== 'string') return false;
  const expected = Buffer.from(csrfTokenFor(sessionToken, secret));
  const actual = Buffer.from(given);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

function options(request: Request, maxAgeMs: number, httpOnly: boolean): CookieOptions {
  // Secure wherever the console is reached over HTTPS (directly or behind a proxy that says so).
  return { httpOnly, sameSite: 'strict', secure: request.secure, path: '/', maxAge: maxAgeMs };
}

export function setSessionCookies(
  request: Request,
  response: Response,
  sessionToken: string,
  expiresAt: Date,
  secret: string,
): string {
  const maxAge = Math.max(0, expiresAt.getTime() - Date.now());
  const csrf = csrfTokenFor(sessionToken, secret);
  response.cookie(SESSION_COOKIE, sessionToken, options(request, maxAge, true));
  response.cookie(CSRF_COOKIE, csrf, options(request, maxAge, false));
  return csrf;
}

export function clearSessionCookies(request: Request, response: Response): void {
  const { httpOnly: _h, maxAge: _m, ...rest } = options(request, 0, true);
  response.clearCookie(SESSION_COOKIE, { ...rest, httpOnly: true });
  response.clearCookie(CSRF_COOKIE, rest);
}

export function sessionTokenOf(request: Request): string | undefined {
  const cookies = (request as Request & { cookies?: Record<string, string> }).cookies;
  const token = cookies?.[SESSION_COOKIE];
  return typeof token === 'string' && token.length > 0 ? token : undefined;
}
